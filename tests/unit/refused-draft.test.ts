import { describe, expect, it } from 'vitest';
import { draftFor, fittingDraft, readDraft } from '../../src/lib/moderation/refused-draft.ts';

const fits = (value: unknown) => encodeURIComponent(JSON.stringify(value)).length <= 3800;

describe("a refused decision's typed texts, given back through a cookie (refused-draft.ts)", () => {
  const draft = { kind: 'comment' as const, id: 7, reason: 'Insulte', note: 'Merci de reformuler' };

  it('keeps what fits whole, and nothing when nothing was typed', () => {
    expect(fittingDraft(draft)).toEqual(draft);
    expect(fittingDraft({ ...draft, reason: '', note: '' })).toBeNull();
  });

  it('drops the note before the reason, then cuts the reason, never half a character', () => {
    const chinese = '記'.repeat(400);
    expect(fittingDraft({ ...draft, reason: chinese, note: chinese })).toEqual({
      ...draft,
      reason: chinese,
      note: '',
      shortened: true,
    });
    const emoji = '🕯️'.repeat(250);
    const kept = fittingDraft({ ...draft, reason: emoji, note: 'x' })!;
    expect(fits(kept)).toBe(true);
    expect(kept.note).toBe('');
    expect(kept.reason.length).toBeGreaterThan(0);
    expect(emoji.startsWith(kept.reason)).toBe(true);
    // Every character whole: it encodes.
    expect(() => encodeURIComponent(kept.reason)).not.toThrow();
    // A note typed alone is cut, not dropped.
    const noteOnly = fittingDraft({ ...draft, reason: '', note: emoji })!;
    expect(fits(noteOnly)).toBe(true);
    expect(noteOnly.note.length).toBeGreaterThan(0);
    expect(emoji.startsWith(noteOnly.note)).toBe(true);
  });

  it('reads back only a draft of ours, its texts within the forms’ limit', () => {
    expect(readDraft(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
    expect(readDraft({ ...draft, shortened: true })).toEqual({ ...draft, shortened: true });
    expect(readDraft({ ...draft, shortened: 'yes' })).toEqual(draft);
    expect(readDraft({ ...draft, reason: 'a'.repeat(900) })!.reason).toHaveLength(500);
    for (const foreign of [null, 'x', { kind: 'user', id: 1 }, { kind: 'souvenir', id: '1' }, { kind: 'souvenir' }])
      expect(readDraft(foreign)).toBeNull();
    expect(readDraft({ kind: 'souvenir', id: 3, reason: 42 })).toEqual({
      kind: 'souvenir',
      id: 3,
      reason: '',
      note: '',
    });
  });

  it('gives a draft back to the item it was typed for only, of its own kind', () => {
    const draft = { kind: 'comment' as const, id: 7, reason: 'Hors sujet', note: '' };
    expect(draftFor(draft, { targetType: 'comment', id: 7 })).toBe(draft);
    expect(draftFor(draft, { targetType: 'souvenir', id: 7 })).toBeUndefined();
    expect(draftFor(draft, { targetType: 'comment', id: 8 })).toBeUndefined();
    expect(draftFor(null, { targetType: 'comment', id: 7 })).toBeUndefined();
  });
});
