import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The author's private link covers comments, and IP hashes expire.
 *
 * A comment its author withdrew (or an admin erased) keeps its row as a tombstone, like a
 * souvenir: its replies stay in place under "comment removed", and no decision applies to it.
 * The purge clears IP hashes older than 30 days; these partial indexes hold only the rows that
 * still carry one (about a month's worth), so the daily purge never scans the whole tables.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comment').addColumn('withdrawn_at', 'timestamptz').execute();
  for (const table of ['souvenir', 'comment', 'report']) {
    await sql.raw(`create index ${table}_ip_purge_idx on ${table} (created_at) where ip_hash is not null`).execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['souvenir', 'comment', 'report']) {
    await sql.raw(`drop index if exists ${table}_ip_purge_idx`).execute(db);
  }
  await db.schema.alterTable('comment').dropColumn('withdrawn_at').execute();
}
