import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { journalEntries } from '../helpers/journal.ts';
import { changeScreens } from '../../src/lib/commemoration/screen-change.ts';
import { venueControl as actor } from '../helpers/actors.ts';

describeEachDatabase('a change to the venue screens (commemoration/screen-change.ts)', (t) => {
  it('commits the change with its journal row, and wakes the screens', async () => {
    t.queries.length = 0;
    await changeScreens(t.db, { actor }, async (trx) => {
      await trx
        .insertInto('screen_silence')
        .values({ starts_at: new Date(), duration_ms: 60_000, created_at: new Date() })
        .execute();
      return { action: 'screen.test', targetType: 'setting', targetId: 0, after: { why: 'test' } };
    });
    expect(await t.db.selectFrom('screen_silence').select('duration_ms').execute()).toEqual([{ duration_ms: 60_000 }]);
    const [row] = await journalEntries(t.db, { action: 'screen.test' });
    expect(row).toMatchObject({ actor_label: 'régie', target_type: 'setting', target_id: 0, after: { why: 'test' } });
    expect(t.queries.filter((q) => q.includes('pg_notify'))).toHaveLength(1);
  });

  it('writes nothing, journal included, when the change is refused', async () => {
    const refused = changeScreens(t.db, { actor }, async (trx) => {
      await trx
        .insertInto('screen_silence')
        .values({ starts_at: new Date(), duration_ms: 60_000, created_at: new Date() })
        .execute();
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    expect(await t.db.selectFrom('screen_silence').select('id').execute()).toEqual([]);
    expect(await journalEntries(t.db, { action: 'screen.test' })).toEqual([]);
  });

  it('hands the change the moment it was given, or the clock’s when none was', async () => {
    const given = new Date('2026-11-13T21:00:00Z');
    const seen: Date[] = [];
    const record = async (_trx: unknown, now: Date) => {
      seen.push(now);
      return { action: 'screen.test', targetType: 'setting' as const, targetId: 0 };
    };
    const before = Date.now();
    await changeScreens(t.db, { actor, now: given }, record);
    await changeScreens(t.db, { actor }, record);
    expect(seen[0]).toBe(given);
    expect(seen[1]!.getTime()).toBeGreaterThanOrEqual(before);
    expect(seen[1]!.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
