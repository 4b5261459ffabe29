import { describe, expect, it } from 'vitest';
// The function Astro's Actions read a posted form with (not exported under a public name).
import { formDataToObject } from '../../node_modules/astro/dist/actions/runtime/server.js';
import { decideInput, MAX_BULK } from '../../src/actions/moderation-schema.ts';

const decision = { targetType: 'souvenir', ids: [3, 7], decision: 'approve' };

describe('a decision’s input', () => {
  it('reads the version of each text as the moderator read it, by id', () => {
    const parsed = decideInput.parse({ ...decision, versions: ['3:1793000000000', '7:1793000000123', '9:5'] });
    expect(parsed.versions).toEqual(
      new Map([
        [3, new Date(1_793_000_000_000)],
        [7, new Date(1_793_000_000_123)],
        [9, new Date(5)],
      ]),
    );
  });

  it('takes a decision without versions (a script) as "whatever the text is now"', () => {
    expect(decideInput.parse(decision).versions).toBeUndefined();
    // Posted as a form without the field, Astro hands an empty list: still none.
    const form = new FormData();
    form.append('ids', '3');
    form.append('decision', 'approve');
    expect(decideInput.parse(formDataToObject(form, decideInput)).versions).toBeUndefined();
  });

  it('reads every version a form sends, as Astro reads the form', () => {
    const form = new FormData();
    const fields: [string, string][] = [
      ['ids', '3'],
      ['ids', '7'],
      ['decision', 'approve'],
      ['versions', '3:1793000000000'],
      ['versions', '7:1793000000123'],
    ];
    for (const [name, value] of fields) form.append(name, value);
    const parsed = decideInput.parse(formDataToObject(form, decideInput));
    expect(parsed.ids).toEqual([3, 7]);
    expect([...parsed.versions!.keys()]).toEqual([3, 7]);
    // One item's form sends one version: still a list.
    form.delete('versions');
    form.append('versions', '3:1793000000000');
    expect(decideInput.parse(formDataToObject(form, decideInput)).versions).toEqual(
      new Map([[3, new Date(1_793_000_000_000)]]),
    );
  });

  it('refuses a version that is not an id and a time, and more than a page can show', () => {
    for (const versions of [['3'], ['3:abc'], ['-3:5'], ['3:5:6'], ['3:12345678901234567']]) {
      const result = decideInput.safeParse({ ...decision, versions });
      expect(result.success, JSON.stringify(versions)).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('moderation.error.invalid');
    }
    const many = Array.from({ length: MAX_BULK * 2 + 1 }, (_, i) => `${i + 1}:5`);
    expect(decideInput.safeParse({ ...decision, versions: many }).error?.issues[0]?.message).toBe(
      'moderation.error.tooMany',
    );
  });
});
