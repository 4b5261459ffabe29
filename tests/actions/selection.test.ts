import { describe, expect, it } from 'vitest';
import { refuseLoneItem, tally } from '../../src/actions/selection.ts';
import type { ItemOutcome } from '../../src/lib/contributions/decide.ts';

const done = { id: 1, outcome: 'done', status: 'approved' } as ItemOutcome;
const conflict = { id: 2, outcome: 'conflict', status: 'spam' } as ItemOutcome;

describe('refuseLoneItem', () => {
  it('makes the refusal of a lone item the Action’s error, naming its kind and status now', async () => {
    await expect(refuseLoneItem([conflict], 'decision', () => 'comment')).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('lets a lone success through, and leaves several items to the tally', async () => {
    await expect(refuseLoneItem([done], 'decision', () => 'souvenir')).resolves.toBeUndefined();
    await expect(refuseLoneItem([done, conflict], 'dismissal', () => 'souvenir')).resolves.toBeUndefined();
    expect(tally([done, conflict])).toEqual({ done: 1, conflicts: 1, changed: 0, refused: 0 });
    // Its text changed since it was shown: counted apart, and said apart (flash).
    const changed = { id: 3, outcome: 'changed', status: 'pending' } as ItemOutcome;
    expect(tally([done, conflict, changed])).toEqual({ done: 1, conflicts: 1, changed: 1, refused: 0 });
  });
});
