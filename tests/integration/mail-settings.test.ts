import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { MAIL_SETTINGS_KEY, perAddressPerDaySql, readMailSettings } from '../../src/lib/mail/settings.ts';

describeEachDatabase('the mail settings read in SQL (mail/settings.ts)', (t) => {
  it('says what readMailSettings says of every stored value, and the default with no row', async () => {
    const inSql = async () =>
      (await t.db.selectNoFrom(perAddressPerDaySql().as('allowed')).executeTakeFirstOrThrow()).allowed;
    expect(await inSql()).toBe(readMailSettings(undefined).perAddressPerDay);
    const stored: unknown[] = [
      { perAddressPerDay: 1 },
      { perAddressPerDay: 100 },
      { perAddressPerDay: 7.0 },
      { perAddressPerDay: 7.5 },
      { perAddressPerDay: 0 },
      { perAddressPerDay: 101 },
      { perAddressPerDay: -3 },
      { perAddressPerDay: '8' },
      { perAddressPerDay: null },
      { perAddressPerDay: true },
      { perAddressPerDay: [9] },
      { other: 3 },
      [],
      'text',
      12,
    ];
    for (const value of stored) {
      const json = JSON.stringify(value);
      await t.db
        .insertInto('setting')
        .values({ key: MAIL_SETTINGS_KEY, value: json })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
        .execute();
      expect([value, await inSql()]).toEqual([value, readMailSettings(value).perAddressPerDay]);
    }
  });
});
