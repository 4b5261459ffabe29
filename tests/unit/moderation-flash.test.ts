import { describe, it, expect } from 'vitest';
import { DECISIONS } from '../../src/lib/moderation/decisions.ts';
import {
  flashParams,
  flashPlace,
  readFlash,
  refusalKey,
  undoTimeLeft,
  UNDO_WINDOW_MS,
} from '../../src/lib/moderation/flash.ts';
import { flashMessages } from '../../src/components/moderation/messages.ts';

describe('queue flash', () => {
  it('round-trips through the query string', () => {
    const flash = { done: 'approve' as const, n: 3, conflicts: 1, refused: 0 };
    expect(flashParams(flash).toString()).toBe('fait=approve&n=3&conflits=1');
    expect(readFlash(flashParams(flash))).toEqual(flash);
  });

  it('says apart the items left alone because their text changed since the list was shown', () => {
    const flash = { done: 'approve' as const, n: 1, conflicts: 0, changed: 2, refused: 0 };
    expect(readFlash(flashParams(flash))).toEqual(flash);
    expect(flashMessages('fr', flash)).toContain(
      '2 souvenirs ont été laissés tels quels : ils ont été modifiés depuis que la liste a été affichée ; relisez-les.',
    );
  });

  it('carries the decided item’s place in the list, so the message is shown where it was', () => {
    const flash = { done: 'approve' as const, n: 1, conflicts: 0, refused: 0, place: 7 };
    expect(flashParams(flash).get('ici')).toBe('7');
    expect(readFlash(flashParams(flash))).toEqual(flash);
    for (const forged of ['-1', 'x', '1e3', '<b>'])
      expect(readFlash(new URLSearchParams({ fait: 'approve', n: '1', ici: forged }))?.place).toBeUndefined();
    // An edit names the item instead: the message is shown above it.
    const edited = { done: 'edit' as const, n: 1, conflicts: 0, refused: 0, item: 42 };
    expect(flashParams(edited).get('element')).toBe('42');
    expect(readFlash(flashParams(edited))).toEqual(edited);
    for (const forged of ['0', '-3', 'x', '12345678901'])
      expect(readFlash(new URLSearchParams({ fait: 'edit', n: '1', element: forged }))?.item).toBeUndefined();
  });

  it('says a photo was taken off or described, once, in both languages', () => {
    const removed = readFlash(flashParams({ done: 'photoRemoved', n: 1, conflicts: 0, refused: 0 }))!;
    expect(flashMessages('fr', removed)).toEqual(['La photo est retirée ; ses fichiers sont effacés.']);
    const described = readFlash(flashParams({ done: 'photoDescribed', n: 1, conflicts: 0, refused: 0 }))!;
    expect(flashMessages('en', described)).toEqual(['The photo’s text is saved.']);
  });

  it('ignores anything it did not write', () => {
    expect(readFlash(new URLSearchParams('fait=<script>&n=1'))).toBeNull();
    expect(readFlash(new URLSearchParams('fait=approve&n=abc&conflits=99999'))).toEqual({
      done: 'approve',
      n: 0,
      conflicts: 0,
      refused: 0,
    });
  });

  it('has a sentence in both languages for every decision, one or many', () => {
    for (const locale of ['fr', 'en'] as const) {
      for (const done of [...DECISIONS, 'edit', 'unchanged', 'photoRemoved', 'photoDescribed'] as const) {
        for (const n of [0, 1, 2]) {
          const messages = flashMessages(locale, { done, n, conflicts: n, refused: n });
          for (const m of messages) expect(m).not.toMatch(/moderation\.|\{n\}/);
        }
      }
    }
  });
});

describe('a refused decision in the flash', () => {
  it('carries why it was refused, and where its item was, through the address', () => {
    const flash = {
      done: 'refusal' as const,
      n: 0,
      conflicts: 0,
      refused: 0,
      refusal: 'moderation.comment.conflict.approved' as const,
      place: 2,
    };
    expect(flashParams(flash).get('pourquoi')).toBe('moderation.comment.conflict.approved');
    expect(readFlash(flashParams(flash))).toEqual(flash);
    // Said as an error by the page, not as something done.
    expect(flashMessages('fr', flash, 'comment')).toEqual([]);
  });

  it('carries only a refusal’s own sentences: nothing else, and nothing without a reason', () => {
    expect(refusalKey('moderation.conflict.trash')).toBe('moderation.conflict.trash');
    expect(refusalKey('report.error.settled')).toBe('report.error.settled');
    expect(refusalKey('moderation.edit.withdrawn')).toBe('moderation.edit.withdrawn');
    // Not a success sentence either, which a forged link would show as an alert.
    for (const forged of [
      'auth.passwordChanged',
      'moderation.nope',
      'moderation.done.approve.one',
      'moderation.comment.done.none',
      '<script>',
      '',
      null,
    ])
      expect(refusalKey(forged)).toBeNull();
    expect(readFlash(new URLSearchParams({ fait: 'refusal', n: '0', pourquoi: 'team.error.self' }))).toBeNull();
    expect(readFlash(new URLSearchParams({ fait: 'refusal', n: '0' }))).toBeNull();
    // Only a refusal says why.
    expect(readFlash(new URLSearchParams({ fait: 'approve', n: '1', pourquoi: 'moderation.conflict.trash' }))).toEqual({
      done: 'approve',
      n: 1,
      conflicts: 0,
      refused: 0,
    });
  });
});

describe('the queue’s undo in the flash', () => {
  it('carries the journal rows and the decision’s time through the address, and nothing else', () => {
    const at = Date.UTC(2026, 11, 6, 8);
    const params = flashParams({ done: 'reject', n: 2, conflicts: 0, refused: 0, undo: { events: [41, 42], at } });
    expect(params.get('annuler')).toBe('41,42');
    expect(readFlash(params)?.undo).toEqual({ events: [41, 42], at });
    const forged = new URLSearchParams({ fait: 'reject', n: '1', annuler: '1,<script>,2', le: 'x' });
    expect(readFlash(forged)?.undo).toBeUndefined();
  });

  it('is offered for ten seconds after the decision, never before it nor after', () => {
    const flash = readFlash(new URLSearchParams({ fait: 'approve', n: '1', annuler: '7', le: '1000' }));
    expect(undoTimeLeft(flash, 1000)).toBe(UNDO_WINDOW_MS);
    expect(undoTimeLeft(flash, 1000 + UNDO_WINDOW_MS - 1)).toBe(1);
    expect(undoTimeLeft(flash, 1000 + UNDO_WINDOW_MS)).toBe(0);
    expect(undoTimeLeft(flash, 0)).toBe(0);
    expect(undoTimeLeft(null)).toBe(0);
  });
});

describe('where the queue says what was done', () => {
  const decided = { done: 'approve' as const, n: 1, conflicts: 0, refused: 0 };
  it('says a decision where its item was, above the next one, or after the last', () => {
    expect(flashPlace({ ...decided, place: 1 }, [11, 12, 13], false)).toBe(1);
    expect(flashPlace({ ...decided, place: 7 }, [11, 12, 13], false)).toBe(3);
  });

  it('says an edit above the item edited, when the list still shows it', () => {
    const edit = { done: 'edit' as const, n: 1, conflicts: 0, refused: 0, item: 13 };
    expect(flashPlace(edit, [11, 12, 13], false)).toBe(2);
    expect(flashPlace(edit, [11, 12], false)).toBeNull();
  });

  it('says at the top a selection’s result, an error, or anything in an empty list', () => {
    expect(flashPlace(decided, [11, 12], false)).toBeNull();
    expect(flashPlace({ ...decided, place: 0 }, [11], true)).toBeNull();
    expect(flashPlace({ ...decided, place: 0 }, [], false)).toBeNull();
    expect(flashPlace(null, [11], false)).toBeNull();
  });
});
