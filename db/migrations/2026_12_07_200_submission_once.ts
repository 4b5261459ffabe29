import type { Kysely } from 'kysely';

/**
 * One row per contribution being stored, keyed by a hash of who sent what where
 * (contributions/submission-once.ts): two identical shares sent at the same instant (a double
 * press, a proxy's retry) reach PostgreSQL together, where the duplicate rule's `not exists`
 * cannot see the other's uncommitted row; the second one's insert of the same key waits for the
 * first and then stores nothing. `public_id` is the holder's: a holder in the trash no longer
 * counts. Rows only serve that minute; the daily purge deletes them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('submission_once')
    .addColumn('key_hash', 'text', (c) => c.primaryKey())
    .addColumn('public_id', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('submission_once').execute();
}
