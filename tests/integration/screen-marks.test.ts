import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import { markForScreen, onScreenIds } from '../../src/lib/commemoration/screen-marks.ts';
import { readVenueState } from '../../src/lib/commemoration/venue-state.ts';
import { VenueError } from '../../src/lib/commemoration/venue-control.ts';
import { createSouvenir } from '../../src/lib/souvenirs/create-souvenir.ts';
import { submission } from '../helpers/contribution-fixtures.ts';

const actor = { id: null, label: 'modération' };

describeEachDatabase('the queue’s venue screen button (issue 21)', (t) => {
  const journal = async () =>
    (await t.db.selectFrom('moderation_event').select(['action', 'target_id']).orderBy('id').execute()).filter((e) =>
      e.action.startsWith('screen.'),
    );

  it('puts an approved souvenir on the venue screen and takes it off, each change journaled', async () => {
    const a = await approvedSouvenir(t.db, { title: 'Le rappel' });
    const b = await approvedSouvenir(t.db, { title: 'La fosse' });
    expect(await markForScreen(t.db, a.id, true, { actor })).toBe('changed');
    expect(await onScreenIds(t.db, [a.id, b.id])).toEqual(new Set([a.id]));
    expect((await readVenueState(t.db)).items.map((i) => i.souvenir.title)).toEqual(['Le rappel']);
    expect(await markForScreen(t.db, a.id, false, { actor })).toBe('changed');
    expect(await onScreenIds(t.db, [a.id, b.id])).toEqual(new Set());
    expect(await journal()).toEqual([
      { action: 'screen.add', target_id: a.id },
      { action: 'screen.remove', target_id: a.id },
    ]);
  });

  it('changes nothing and journals nothing when asked for what already is (a double click, a reload)', async () => {
    const a = await approvedSouvenir(t.db);
    await markForScreen(t.db, a.id, true, { actor });
    expect(await markForScreen(t.db, a.id, true, { actor })).toBe('unchanged');
    await markForScreen(t.db, a.id, false, { actor });
    expect(await markForScreen(t.db, a.id, false, { actor })).toBe('unchanged');
    expect((await journal()).map((e) => e.action)).toEqual(['screen.add', 'screen.remove']);
  });

  it('refuses a souvenir the wall does not show', async () => {
    const pending = await createSouvenir(t.db, submission(), { ipHash: null });
    await expect(markForScreen(t.db, pending.id, true, { actor })).rejects.toThrow(VenueError);
    expect(await onScreenIds(t.db, [pending.id])).toEqual(new Set());
  });

  it('answers an empty page of the queue without a query', async () => {
    t.queries.length = 0;
    expect(await onScreenIds(t.db, [])).toEqual(new Set());
    expect(t.queries).toEqual([]);
  });
});
