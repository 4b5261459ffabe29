import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The author's private link looks the souvenir up by the hash of its token.
  await db.schema.createIndex('souvenir_token_idx').on('souvenir').column('token_hash').unique().execute();
  await db.schema.alterTable('souvenir').addColumn('withdrawn_at', 'timestamptz').execute();

  // Fixed-window counters shared by every app process (ARCHITECTURE.md, rate_limit).
  await db.schema
    .createTable('rate_limit')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('rate_limit_pk', ['action', 'key_hash', 'window_start'])
    .execute();
  await db.schema.createIndex('rate_limit_window_idx').on('rate_limit').column('window_start').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute();
  await db.schema.alterTable('souvenir').dropColumn('withdrawn_at').execute();
  await db.schema.dropIndex('souvenir_token_idx').execute();
}
