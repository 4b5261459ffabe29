import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The wall's change sequence (issue 18): one row per change of what the public sees (a souvenir,
 * a comment under one, anything else such as the publisher's details; candles are counted in
 * wall_stat instead, since there can be hundreds a second), written in the transaction of the
 * change. NOTIFY only wakes processes; this is what they read, so a live screen, or a process
 * whose LISTEN connection was down, catches up from the database rather than from what one
 * process happened to hear; and the highest number is the content version that every host's
 * ETags are made from. Rows are kept two days (wall/changes.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wall_event')
    .addColumn('seq', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('souvenir', 'comment', 'other')`))
    .addColumn('souvenir_id', 'integer')
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wall_event_changed_at_idx').on('wall_event').column('changed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wall_event').execute();
}
