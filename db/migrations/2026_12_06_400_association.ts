import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dropTables } from './lib/schema.ts';

/**
 * What an association needs to run the wall (issue 17).
 *
 * `setup_token`: the one-time address that creates the first admin in the browser. Only its
 * SHA-256 is kept, in the database rather than in the start script's memory, because any app
 * process (any host) may serve the page.
 *
 * `contact_message`: what visitors write through /contact, listed in moderation with read/unread.
 * The address is kept to answer and never published.
 *
 * `moderation_event.restore_state`: the whole state a decision started from (status, the status
 * before the bin, pin, approval time and author), so "restore the previous state" puts back exactly
 * what was there; `before` keeps only what the journal shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('setup_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('contact_message')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('is_spam', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('ip_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('read_at', 'timestamptz')
    .addColumn('read_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('contact_message_time_idx').on('contact_message').columns(['created_at', 'id']).execute();

  await db.schema.alterTable('moderation_event').addColumn('restore_state', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('moderation_event').dropColumn('restore_state').execute();
  await dropTables(db, ['contact_message', 'setup_token']);
}
