import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { defineSetting, storedSetting } from '../../src/lib/settings/setting-row.ts';

const admin = { id: null, label: 'admin' };
const now = new Date('2026-12-06T10:00:00Z');

interface Count {
  n: number;
}
const readCount = (value: unknown): Count => {
  const n = (value as Partial<Count> | undefined)?.n;
  return { n: typeof n === 'number' ? n : 0 };
};
const checkCount = (value: Count): Count => {
  if (value.n < 0) throw new RangeError('negative');
  return { n: value.n };
};
const counter = defineSetting<Count>({ key: 'test-count', read: readCount, check: checkCount, action: 'settings' });

describeEachDatabase('a setting row (settings/setting-row.ts)', (t) => {
  it('reads the default until a value is saved, then the value stored', async () => {
    expect(await storedSetting(t.db, 'test-count')).toBeUndefined();
    expect(await counter.get(t.db)).toEqual({ n: 0 });
    expect(await counter.save(t.db, { n: 1 }, admin, now)).toEqual({ n: 1 });
    expect(await storedSetting(t.db, 'test-count')).toEqual({ n: 1 });
    expect(await counter.get(t.db)).toEqual({ n: 1 });
  });

  it('replaces the value and journals before and after; refuses what its check refuses, storing nothing', async () => {
    await counter.save(t.db, { n: 1 }, admin, now);
    await counter.save(t.db, { n: 2 }, admin, now);
    await expect(counter.save(t.db, { n: -1 }, admin, now)).rejects.toThrow(RangeError);
    expect(await counter.get(t.db)).toEqual({ n: 2 });
    const journal = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'target_type', 'before', 'after'])
      .orderBy('id')
      .execute();
    expect(journal).toEqual([
      { action: 'settings', target_type: 'setting', before: { n: 0 }, after: { n: 1 } },
      { action: 'settings', target_type: 'setting', before: { n: 1 }, after: { n: 2 } },
    ]);
  });

  it('journals only `after` when asked, and rolls everything back when its extra work fails', async () => {
    let fail = false;
    const schedule = defineSetting<Count>({
      key: 'test-schedule',
      read: readCount,
      check: checkCount,
      action: 'anniversary.schedule',
      journalBefore: false,
      alsoIn: async (trx) => void (await sql`select ${fail ? 0 : 1}::int / ${fail ? 0 : 1}::int`.execute(trx)),
    });
    await schedule.save(t.db, { n: 1 }, admin, now);
    fail = true;
    await expect(schedule.save(t.db, { n: 9 }, admin, now)).rejects.toThrow();
    expect(await schedule.get(t.db)).toEqual({ n: 1 });
    const journal = await t.db.selectFrom('moderation_event').select(['before', 'after']).execute();
    expect(journal).toEqual([{ before: null, after: { n: 1 } }]);
  });
});
