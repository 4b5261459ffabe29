import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';

/**
 * The value stored under `key` in `setting`, or undefined when none was ever saved. Each area
 * reads it into its own shape, with a default for anything missing or malformed, so a setting
 * never breaks a page.
 */
export async function storedSetting(db: Kysely<Database> | Transaction<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** What one area's setting is: its row, how it reads and checks, how its journal row reads. */
export interface SettingDefinition<T> {
  key: string;
  /** The stored value into the area's shape, field by field, defaults for what does not fit. */
  read: (stored: unknown) => T;
  /** The value to store, tidied; throws (a RangeError) for what may not be stored. */
  check: (value: T) => T;
  /** The journal's action (`settings`, `publisher`, `anniversary.schedule`). */
  action: string;
  /** Whether the journal row keeps the value before the change too (default true). */
  journalBefore?: boolean;
  /** More work in the same transaction (telling every process's caches, say). */
  alsoIn?: (trx: Transaction<Database>) => Promise<void>;
}

export interface Setting<T> {
  /** The value in force: read on every use, so a change holds at once in every app process. */
  get(db: Kysely<Database>): Promise<T>;
  /**
   * Stores a checked value and its journal row in one transaction (an admin's change and its
   * trace commit together or not at all); answers the value stored.
   */
  save(db: Kysely<Database>, value: T, actor: Actor, now?: Date): Promise<T>;
}

/** The reader and writer of one area's row in `setting` (the discussion rules, email, the publisher…). */
export function defineSetting<T>(definition: SettingDefinition<T>): Setting<T> {
  const { key, read, check, action } = definition;
  return {
    async get(db) {
      return read(await storedSetting(db, key));
    },
    async save(db, value, actor, now = new Date()) {
      const next = check(value);
      return db.transaction().execute(async (trx) => {
        const before = definition.journalBefore === false ? undefined : read(await storedSetting(trx, key));
        const json = JSON.stringify(next);
        const row = await trx
          .insertInto('setting')
          .values({ key, value: json, updated_at: now, updated_by: actor.id })
          .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: now, updated_by: actor.id }))
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordEvent(trx, { actor, action, targetType: 'setting', targetId: row.id, before, after: next });
        await definition.alsoIn?.(trx);
        return next;
      });
    },
  };
}
