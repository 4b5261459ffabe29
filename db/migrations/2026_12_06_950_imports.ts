import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Issue 20, first slice: the sources an admin points at a hashtag, their checkpoints, and the
 * private queue of posts gathered from them. Nothing here is read by any public page: an
 * imported post only ever reaches the wall through its author's consent (a later slice).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_source')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('mastodon', 'bluesky', 'rss')`))
    .addColumn('base_url', 'text', (c) => c.notNull())
    .addColumn('hashtags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .addColumn('account', 'text')
    .addColumn('app_password', 'text')
    .addColumn('enabled', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_items', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('lease_until', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createTable('import_checkpoint')
    .addColumn('source_id', 'integer', (c) => c.notNull().references('import_source.id').onDelete('cascade'))
    .addColumn('feed', 'text', (c) => c.notNull())
    .addColumn('since_id', 'text')
    .addColumn('cursor', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('import_checkpoint_pk', ['source_id', 'feed'])
    .execute();
  await db.schema
    .createTable('import_item')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('source_id', 'integer', (c) => c.notNull().references('import_source.id').onDelete('cascade'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('remote_uri', 'text', (c) => c.notNull().unique())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('account_handle', 'text', (c) => c.notNull())
    .addColumn('account_name', 'text', (c) => c.notNull())
    .addColumn('account_url', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('content_note', 'text')
    .addColumn('media', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('language', 'text')
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .addColumn('edited_at', 'timestamptz')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull())
    .addColumn('consented_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('import_item_fetched_idx').on('import_item').column('fetched_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('import_item').execute();
  await db.schema.dropTable('import_checkpoint').execute();
  await db.schema.dropTable('import_source').execute();
}
