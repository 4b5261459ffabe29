import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';

/**
 * The value stored under `key` in `setting` (the discussion rules, email, the publisher, the
 * anniversary…), or undefined when none was ever saved. Each area reads it into its own shape,
 * with a default for anything missing or malformed, so a setting never breaks a page.
 */
export async function storedSetting(db: Kysely<Database> | Transaction<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** How one area saves its setting: the value already checked, and how its journal row reads. */
export interface SettingSave<T> {
  key: string;
  value: T;
  actor: Actor;
  now: Date;
  /** The journal's action (`settings`, `publisher`, `anniversary.schedule`). */
  action: string;
  /** Reads the value stored before, for the journal's `before`; absent, the row records only `after`. */
  readBefore?: (stored: unknown) => T;
  /** More work in the same transaction (telling every process's caches, say). */
  alsoIn?: (trx: Transaction<Database>) => Promise<void>;
}

/**
 * Stores a setting and its journal row in one transaction (an admin's change and its trace
 * commit together or not at all), and answers the value stored.
 */
export async function saveSetting<T>(db: Kysely<Database>, save: SettingSave<T>): Promise<T> {
  const { key, value, actor, now } = save;
  return db.transaction().execute(async (trx) => {
    const before = save.readBefore?.(await storedSetting(trx, key));
    const json = JSON.stringify(value);
    const row = await trx
      .insertInto('setting')
      .values({ key, value: json, updated_at: now, updated_by: actor.id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: actor.id }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      action: save.action,
      targetType: 'setting',
      targetId: row.id,
      before,
      after: value,
    });
    await save.alsoIn?.(trx);
    return value;
  });
}
