import type { Kysely } from 'kysely';

/**
 * The wall's change sequence (issue 18): one row per change of what the public sees of a souvenir,
 * written in the transaction of the change. NOTIFY only wakes processes; this is what they read,
 * so a live screen, or a process whose LISTEN connection was down, catches up from the database
 * rather than from what one process happened to hear. Rows are kept two days (wall/changes.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('wall_event')
    .addColumn('seq', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('souvenir_id', 'integer', (c) => c.notNull())
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('wall_event_changed_at_idx').on('wall_event').column('changed_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('wall_event').execute();
}
