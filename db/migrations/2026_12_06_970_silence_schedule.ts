import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Moments of silence at set times (issue 21): every year on a day at a Paris time, or every day
 * at a Paris time (optionally only during the anniversary). Each occurrence becomes one
 * `screen_silence` row a few minutes ahead, inserted by whichever process gets there first: the
 * unique (schedule_id, starts_at) is the claim, so several processes start each occurrence once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('silence_schedule')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('recurrence', 'text', (c) => c.notNull().check(sql`recurrence in ('yearly', 'daily')`))
    .addColumn('month', 'integer', (c) => c.check(sql`month between 1 and 12`))
    .addColumn('day', 'integer', (c) => c.check(sql`day between 1 and 31`))
    // A Paris time of day, "HH:MM" or "HH:MM:SS".
    .addColumn('time', 'text', (c) => c.notNull().check(sql`time ~ '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$'`))
    .addColumn('duration_ms', 'integer', (c) => c.notNull().check(sql`duration_ms between 5000 and 3600000`))
    .addColumn('anniversary_only', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint(
      'silence_schedule_yearly_day',
      sql`(recurrence = 'yearly') = (month is not null and day is not null)`,
    )
    .execute();
  await db.schema
    .alterTable('screen_silence')
    .addColumn('schedule_id', 'integer', (c) => c.references('silence_schedule.id').onDelete('set null'))
    // A silence called off from the console: kept, so its schedule does not claim it again.
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('screen_silence_occurrence_idx')
    .on('screen_silence')
    .columns(['schedule_id', 'starts_at'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('screen_silence_occurrence_idx').execute();
  await db.schema.alterTable('screen_silence').dropColumn('cancelled_at').dropColumn('schedule_id').execute();
  await db.schema.dropTable('silence_schedule').execute();
}
