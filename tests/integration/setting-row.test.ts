import { it, expect } from 'vitest';
import { sql } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import { saveSetting, storedSetting } from '../../src/lib/settings/setting-row.ts';

const admin = { id: null, label: 'admin' };
const now = new Date('2026-12-06T10:00:00Z');
const readCount = (value: unknown) => ({ n: (value as { n?: number } | undefined)?.n ?? 0 });

describeEachDatabase('a setting row (settings/setting-row.ts)', (t) => {
  it('reads nothing until a value is saved, then the value stored', async () => {
    expect(await storedSetting(t.db, 'test-setting')).toBeUndefined();
    await saveSetting(t.db, { key: 'test-setting', value: { n: 1 }, actor: admin, now, action: 'settings' });
    expect(await storedSetting(t.db, 'test-setting')).toEqual({ n: 1 });
  });

  it('replaces the value and journals before and after in one transaction', async () => {
    const save = { key: 'test-setting', actor: admin, now, action: 'settings', readBefore: readCount };
    await saveSetting(t.db, { ...save, value: { n: 1 } });
    expect(await saveSetting(t.db, { ...save, value: { n: 2 } })).toEqual({ n: 2 });
    expect(await storedSetting(t.db, 'test-setting')).toEqual({ n: 2 });
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

  it('records only `after` when the area keeps no before, and rolls everything back when its extra work fails', async () => {
    await saveSetting(t.db, {
      key: 'test-setting',
      value: { n: 1 },
      actor: admin,
      now,
      action: 'anniversary.schedule',
    });
    const failing = saveSetting(t.db, {
      key: 'test-setting',
      value: { n: 9 },
      actor: admin,
      now,
      action: 'anniversary.schedule',
      alsoIn: async (trx) => void (await sql`select 1 / 0`.execute(trx)),
    });
    await expect(failing).rejects.toThrow();
    expect(await storedSetting(t.db, 'test-setting')).toEqual({ n: 1 });
    const journal = await t.db.selectFrom('moderation_event').select(['before', 'after']).execute();
    expect(journal).toEqual([{ before: null, after: { n: 1 } }]);
  });
});
