import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Email for the moderation team (issue 14): each member may give an address and choose every new
 * item, a daily digest at an hour of their choosing (Europe/Paris), or nothing.
 *
 * `mail_job`: the scheduled work (digests, the 48-hour reminder) as rows that one process claims
 * at a time (`FOR UPDATE SKIP LOCKED`), with the time of its next run: several app processes
 * never send one digest twice, and none decides alone from a timer of its own.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('email', 'text')
    .addColumn('mail_mode', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('digest_hour', 'integer', (c) => c.notNull().defaultTo(8))
    .execute();
  await sql`alter table app_user add constraint app_user_mail_mode_check check (mail_mode in ('each', 'digest', 'none'))`.execute(
    db,
  );
  await sql`alter table app_user add constraint app_user_digest_hour_check check (digest_hour between 0 and 23)`.execute(
    db,
  );
  await db.schema
    .createTable('mail_job')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('next_run_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db
    .insertInto('mail_job')
    .values({ name: 'team_hourly', next_run_at: sql`now()` })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_job').execute();
  await db.schema
    .alterTable('app_user')
    .dropColumn('email')
    .dropColumn('mail_mode')
    .dropColumn('digest_hour')
    .execute();
}
