import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { getImportSettings, saveImportSettings } from '../../src/lib/imports/request-settings.ts';
import { DEFAULT_REQUESTS_PER_HOUR, IMPORT_SETTINGS_KEY } from '../../src/lib/imports/request.ts';

const ADMIN = { id: null, label: 'camille' };

describeEachDatabase('the requests-per-hour setting', (t) => {
  it('starts at 5 an hour and keeps what an admin saves, journaled with the value before', async () => {
    expect(await getImportSettings(t.db)).toEqual({ requestsPerHour: DEFAULT_REQUESTS_PER_HOUR });
    expect(await saveImportSettings(t.db, { requestsPerHour: 12 }, ADMIN)).toEqual({ requestsPerHour: 12 });
    expect(await getImportSettings(t.db)).toEqual({ requestsPerHour: 12 });
    const row = await t.db
      .selectFrom('setting')
      .select('value')
      .where('key', '=', IMPORT_SETTINGS_KEY)
      .executeTakeFirstOrThrow();
    expect(row.value).toEqual({ requestsPerHour: 12 });
    const journal = await t.db
      .selectFrom('moderation_event')
      .select(['action', 'actor_label', 'target_type', 'before', 'after'])
      .execute();
    expect(journal).toEqual([
      {
        action: 'settings',
        actor_label: 'camille',
        target_type: 'setting',
        before: { requestsPerHour: 5 },
        after: { requestsPerHour: 12 },
      },
    ]);
  });

  it('refuses a budget outside 1–60 and keeps the one in force', async () => {
    await expect(saveImportSettings(t.db, { requestsPerHour: 0 }, ADMIN)).rejects.toThrow(RangeError);
    await expect(saveImportSettings(t.db, { requestsPerHour: 61 }, ADMIN)).rejects.toThrow(RangeError);
    await expect(saveImportSettings(t.db, { requestsPerHour: 2.5 }, ADMIN)).rejects.toThrow(RangeError);
    expect(await getImportSettings(t.db)).toEqual({ requestsPerHour: 5 });
    expect(await t.db.selectFrom('moderation_event').select('id').execute()).toEqual([]);
  });
});
