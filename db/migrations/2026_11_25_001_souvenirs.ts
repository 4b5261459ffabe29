import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createIndexes, dropTables } from './lib/schema.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('souvenir')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('body_raw', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('memory_year', 'integer')
    .addColumn('event', 'text')
    .addColumn('hashtags', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'spam', 'trash')`),
    )
    .addColumn('previous_status', 'text')
    .addColumn('pinned', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('candle_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('flag_reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('is_demo', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('ip_hash', 'text')
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('consent_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by', 'integer')
    .execute();

  await createIndexes(db, 'souvenir', {
    // The wall reads approved souvenirs newest approval first, by keyset on (approved_at, id).
    souvenir_wall_idx: ['status', 'approved_at desc', 'id desc'],
    souvenir_queue_idx: ['status', 'created_at', 'id'],
    souvenir_email_idx: ['author_email'],
  });

  await db.schema
    .createTable('moderation_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute();
  await createIndexes(db, 'moderation_event', {
    moderation_event_time_idx: ['occurred_at desc', 'id desc'],
    moderation_event_target_idx: ['target_type', 'target_id'],
  });
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['moderation_event', 'souvenir']);
}
