import { sql } from 'kysely';
import type { RawBuilder } from 'kysely';
import { defineSetting } from '../settings/setting-row.ts';

/** What an admin sets about email, beside the discussion rules (setting `mail`). */
export interface MailSettings {
  /**
   * Messages one address may be sent per Paris day, whatever forms are used: beyond it a message
   * is kept as `held`, never sent, so nobody can mail-bomb a stranger through the site.
   */
  perAddressPerDay: number;
}

export const MAIL_SETTINGS_KEY = 'mail';
export const MAIL_LIMITS = { perAddressPerDay: { min: 1, max: 100 } } as const;
export const DEFAULT_MAIL_SETTINGS: Readonly<MailSettings> = Object.freeze({ perAddressPerDay: 5 });

/** The stored value field by field; a missing or out-of-range field takes its default. */
export function readMailSettings(value: unknown): MailSettings {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const { min, max } = MAIL_LIMITS.perAddressPerDay;
  const perDay = v.perAddressPerDay;
  return {
    perAddressPerDay:
      typeof perDay === 'number' && Number.isInteger(perDay) && perDay >= min && perDay <= max
        ? perDay
        : DEFAULT_MAIL_SETTINGS.perAddressPerDay,
  };
}

/**
 * `readMailSettings(stored).perAddressPerDay`, as SQL read from the `setting` row, for a statement
 * that counts a message and decides its status in one round trip (outbox.ts). It must say what
 * readMailSettings says of every stored value (a test compares the two).
 */
export function perAddressPerDaySql(): RawBuilder<number> {
  const { min, max } = MAIL_LIMITS.perAddressPerDay;
  const stored = sql`value->'perAddressPerDay'`;
  const asNumber = sql`(value->>'perAddressPerDay')::numeric`;
  return sql<number>`coalesce((select case when jsonb_typeof(${stored}) = 'number' and ${asNumber} between ${min}::int and ${max}::int and ${asNumber} = trunc(${asNumber}) then ${asNumber}::int end from setting where key = ${MAIL_SETTINGS_KEY}::text), ${DEFAULT_MAIL_SETTINGS.perAddressPerDay}::int)`;
}

const mailSetting = defineSetting<MailSettings>({
  key: MAIL_SETTINGS_KEY,
  read: readMailSettings,
  check(settings) {
    const next = readMailSettings(settings);
    if (next.perAddressPerDay !== settings.perAddressPerDay) throw new RangeError('mail settings out of range');
    return next;
  },
  action: 'settings',
});

/** Read on every message, so a change holds at once in every app process. */
export const getMailSettings = mailSetting.get;

/** Stores the settings with their audit row in one transaction. Throws RangeError out of MAIL_LIMITS. */
export const saveMailSettings = mailSetting.save;
