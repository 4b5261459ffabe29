import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, ReportTargetType } from '../../../db/types.ts';
import type { Actor } from '../moderation/audit.ts';
import { notifyWall, shownChanged } from '../contributions/notify.ts';
import { adjustCommentCount } from '../comments/comment-count.ts';

export interface ReleasedReports {
  /** Open reports now resolved. */
  resolved: number;
  /** Of those, the ones the moderator was shown (ReportsSeen); all of them without a scope. */
  seen: number;
  /** Open reports left (with `seen.only`, those the moderator's page did not show). */
  open: number;
  /** Whether this release showed the item again (the reports had hidden it, and none is left open). */
  wasHidden: boolean;
  /** Whether the item is still hidden by reports after it (reports nobody read are left open). */
  stillHidden: boolean;
}

/**
 * The reports a moderator's page listed, by id. A report filed after the page was drawn (or not
 * yet committed when it was) is one nobody has read.
 */
export interface ReportsSeen {
  ids: readonly number[];
  /** Leaves the others open (a dismissal clears only what was read; a refusal clears them all). */
  only?: boolean;
}

/**
 * A moderator has looked at an item: its open reports are resolved (with `seen.only`, only
 * those their page showed), and an item they had hidden is unhidden unless reports nobody read
 * are still open, inside the caller's transaction (a decision or a dismissal, with its audit
 * row). Unhiding an approved comment gives it back to its souvenir's kept count; the wall's
 * figures follow by trigger (migration 006). Call it before writing a new status, so the counts
 * move from the item as it was shown.
 */
export async function releaseReports(
  trx: Transaction<Database>,
  targetType: ReportTargetType,
  id: number,
  actor: Actor,
  now: Date,
  seen?: ReportsSeen,
): Promise<ReleasedReports> {
  const onlySeen = seen?.only === true;
  const resolvedIds = (
    await trx
      .updateTable('report')
      .set({ resolved_at: now, resolved_by: actor.id })
      .where('target_type', '=', targetType)
      .where('target_id', '=', id)
      .where('resolved_at', 'is', null)
      .$if(onlySeen, (update) => update.where('id', 'in', seen!.ids.length > 0 ? [...seen!.ids] : [0]))
      .returning('id')
      .execute()
  ).map((row) => row.id);
  const shownIds = new Set(seen?.ids);
  const released = {
    resolved: resolvedIds.length,
    seen: seen ? resolvedIds.filter((reportId) => shownIds.has(reportId)).length : resolvedIds.length,
    open: onlySeen ? await openReportCount(trx, targetType, id) : 0,
  };
  // Reports nobody has read keep the item hidden: they may be what hid it.
  if (released.open > 0) {
    return { ...released, wasHidden: false, stillHidden: await hiddenByReportsNow(trx, targetType, id) };
  }

  if (targetType === 'souvenir') {
    const shown = await trx
      .updateTable('souvenir')
      .set({ hidden_by_reports: false })
      .where('id', '=', id)
      .where('hidden_by_reports', '=', true)
      .returning('status')
      .executeTakeFirst();
    if (shown?.status === 'approved') await notifyWall(trx, id);
    return { ...released, wasHidden: Boolean(shown), stillHidden: false };
  }
  const shown = await trx
    .updateTable('comment')
    .set({ hidden_by_reports: false })
    .where('id', '=', id)
    .where('hidden_by_reports', '=', true)
    .returning(['status', 'souvenir_id'])
    .executeTakeFirst();
  if (shown?.status === 'approved') await adjustCommentCount(trx, shown.souvenir_id, 1);
  return { ...released, wasHidden: Boolean(shown), stillHidden: false };
}

/** Whether reports hide the item now. */
export async function hiddenByReportsNow(
  trx: Transaction<Database>,
  type: ReportTargetType,
  id: number,
): Promise<boolean> {
  const row = await trx.selectFrom(type).select('hidden_by_reports').where('id', '=', id).executeTakeFirst();
  return row?.hidden_by_reports === true;
}

/** How many of the item's reports are open. */
export async function openReportCount(trx: Transaction<Database>, type: ReportTargetType, id: number): Promise<number> {
  const row = await trx
    .selectFrom('report')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('resolved_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * Takes a published item off the public pages and out of the kept counts; false when it already
 * was, or is not published (the counts hold approved items only: a decision may have come first).
 */
export async function hideByReports(trx: Transaction<Database>, type: ReportTargetType, id: number): Promise<boolean> {
  const hidden = await trx
    .updateTable(type)
    .set({ hidden_by_reports: true })
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .returning('id')
    .executeTakeFirst();
  if (!hidden) return false;
  await shownChanged(trx, type, id, -1);
  return true;
}

/** How many of the item's reports a decision settled at `settledAt`: those reopenReports opens again. */
export async function countSettledReports(
  trx: Transaction<Database>,
  type: ReportTargetType,
  id: number,
  settledAt: Date,
): Promise<number> {
  const row = await trx
    .selectFrom('report')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('resolved_at', '=', settledAt)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/**
 * The reports a decision settled at `settledAt`, open again when that decision is taken back
 * ("Annuler", moderation/revert.ts): the item returns to the reported tab, hidden again if they
 * had hidden it. Call it once the item's state is put back. Returns how many were reopened.
 */
export async function reopenReports(
  trx: Transaction<Database>,
  type: ReportTargetType,
  id: number,
  settledAt: Date,
  hidden: boolean,
): Promise<number> {
  const reopened = await trx
    .updateTable('report')
    .set({ resolved_at: null, resolved_by: null })
    .where('target_type', '=', type)
    .where('target_id', '=', id)
    .where('resolved_at', '=', settledAt)
    .executeTakeFirst();
  const count = Number(reopened.numUpdatedRows);
  if (count > 0 && hidden) await hideByReports(trx, type, id);
  return count;
}
