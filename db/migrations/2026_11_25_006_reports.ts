import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { wallRecomputeSql, wallTriggerSql, type Visible } from './lib/wall-triggers.ts';

/**
 * Visitors' reports, and hiding by reports.
 *
 * An approved text that enough distinct visitors report is hidden (`hidden_by_reports`) until a
 * moderator decides; its status stays `approved`, so a dismissal puts it back exactly where it
 * was (approval time, pin). For every kept count a hidden text counts as not published: the
 * triggers of migration 004 are redefined below to count `status = 'approved' and not
 * hidden_by_reports`, so hiding and unhiding move the figures, years, hashtags and contributors
 * in the transaction that hides, like any other change of publication.
 */
const REASONS = ['offensive', 'personal_data', 'false', 'spam', 'other'];

/** The wall's trigger functions of migration 004, with `visible(prefix)` as "counts as published". */
async function defineWallTriggers(db: Kysely<any>, visible: Visible, watchHidden: boolean) {
  for (const table of ['souvenir', 'comment'] as const) {
    const { inserted, deleted, updated } = wallTriggerSql(table, {
      create: 'create or replace',
      visible,
      extraWatched: watchHidden ? 'hidden_by_reports' : undefined,
    });
    for (const { fn } of [inserted, deleted, updated]) await sql.raw(fn).execute(db);
    await sql.raw(`drop trigger if exists wall_${table}_update on ${table}`).execute(db);
    await sql.raw(updated.trigger).execute(db);
  }
  await sql.raw(wallRecomputeSql.replaced(visible)).execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['souvenir', 'comment']) {
    await db.schema
      .alterTable(table)
      .addColumn('hidden_by_reports', 'boolean', (c) => c.notNull().defaultTo(false))
      .execute();
  }

  await db.schema
    .createTable('report')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('target_type', 'text', (c) => c.notNull().check(sql`target_type in ('souvenir', 'comment')`))
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) =>
      c.notNull().check(sql.raw(`reason in (${REASONS.map((r) => `'${r}'`).join(', ')})`)),
    )
    .addColumn('note', 'text', (c) => c.check(sql`char_length(note) <= 500`))
    // Nullable: IP hashes are cleared after 30 days (privacy), the report itself stays.
    .addColumn('ip_hash', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolved_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    // One report per visitor per item (a cleared hash no longer blocks, which is harmless).
    .addUniqueConstraint('report_visitor_key', ['target_type', 'target_id', 'ip_hash'])
    .execute();
  // The queue's "Signalés" tab and the threshold count read open reports per item.
  await sql`create index report_open_idx on report (target_type, target_id) where resolved_at is null`.execute(db);

  await defineWallTriggers(db, (p) => `${p}status = 'approved' and not ${p}hidden_by_reports`, true);
  await sql`select wall_recompute()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await defineWallTriggers(db, (p) => `${p}status = 'approved'`, false);
  await db.schema.dropTable('report').execute();
  for (const table of ['souvenir', 'comment']) {
    await db.schema.alterTable(table).dropColumn('hidden_by_reports').execute();
  }
  await sql`select wall_recompute()`.execute(db);
}
