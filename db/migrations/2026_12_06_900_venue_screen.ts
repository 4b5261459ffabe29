import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { dropTables } from './lib/schema.ts';

/**
 * The venue's screen (issue 21): which approved souvenirs may go on the screen of a hall, in
 * which order and for how long (`screen_item`), how the loop plays (`screen_state`, one row:
 * rundown or shuffle, when the loop started, paused, frozen), and the moments of silence
 * (`screen_silence`). Every screen of every process reads these rows, so they agree without any
 * process's memory: the loop's position is a function of its start instant and the server's clock.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('screen_item')
    .addColumn('souvenir_id', 'integer', (c) => c.primaryKey().references('souvenir.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull().check(sql`duration_ms between 500 and 600000`))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('screen_state')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('rundown', 'shuffle')`))
    .addColumn('shuffle_seed', 'integer', (c) => c.notNull())
    .addColumn('loop_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('paused_at', 'timestamptz')
    .addColumn('frozen_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('screen_silence')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('duration_ms', 'integer', (c) => c.notNull().check(sql`duration_ms between 5000 and 3600000`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screen_silence_starts_at_idx').on('screen_silence').column('starts_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['screen_silence', 'screen_state', 'screen_item']);
}
