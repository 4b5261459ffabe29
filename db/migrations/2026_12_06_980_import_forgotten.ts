import type { Kysely } from 'kysely';

/**
 * Issue 20: "never twice to the same post". A post its author declined or withdrew, whose original
 * went away, or that a moderator deleted is forgotten with its row; without a trace a source that
 * read it again (an edit, a boost, a first run of a new source) would put it back in the queue and
 * let someone ask its author again. Only the SHA-256 of the post's address is kept: enough to
 * recognise it, nothing to read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_forgotten')
    .addColumn('remote_uri_sha256', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('forgotten_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_forgotten').execute();
}
