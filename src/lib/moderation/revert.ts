import type { Kysely, Transaction } from 'kysely';
import type { Database, ModerationEventRow, SouvenirStatus } from '../../../db/types.ts';
import type { Actor } from './audit.ts';
import { DECISIONS, DecisionError, commitDecided, journalState } from './decisions.ts';
import type { DecidableState, DecisionTarget, NextState, SettledReports } from './decisions.ts';
import { countSettledReports, hiddenByReportsNow, openReportCount } from '../reports/release.ts';

/**
 * The journal rows whose previous state can be put back: decisions, reports dismissed (their
 * reports opened again), and restorations themselves (a redo; not of a dismissal's, see revertItem).
 */
export const REVERTIBLE_ACTIONS: readonly string[] = [...DECISIONS, 'reports.dismiss', 'revert'];

export interface RevertRequest {
  /** The journal row of the decision to take back. */
  eventId: number;
  actor: Actor;
  now?: Date;
}

type Snapshot = Record<string, unknown>;
const snapshot = (value: unknown): Snapshot =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Snapshot) : {};

const asDate = (value: unknown): Date | null =>
  typeof value === 'string' || value instanceof Date ? new Date(value) : null;

/** The reports the decision of `event` settled, kept with its state (decisions.ts commitDecided). */
function settledBy(event: ModerationEventRow): SettledReports | null {
  const reports = snapshot(snapshot(event.restore_state).reports);
  const settledAt = asDate(reports.settledAt);
  return settledAt && !Number.isNaN(settledAt.getTime()) ? { settledAt, hidden: reports.hidden === true } : null;
}

/** Whether the revert row `event` took back a dismissal of reports. */
async function revertsDismissal(trx: Transaction<Database>, event: ModerationEventRow): Promise<boolean> {
  const of = snapshot(event.after).revertOf;
  if (typeof of !== 'number') return false;
  const row = await trx.selectFrom('moderation_event').select('action').where('id', '=', of).executeTakeFirst();
  return row?.action === 'reports.dismiss';
}

/**
 * The state to put back. Rows written since `restore_state` exists carry the whole state; older
 * ones only what the journal showed (status and pin), so an approval put back is dated now.
 */
function previousState(event: ModerationEventRow, current: DecidableState, now: Date): NextState {
  const whole = event.restore_state ? snapshot(event.restore_state) : null;
  const before = snapshot(event.before);
  const status = (whole?.status ?? before.status) as SouvenirStatus;
  const pinnedValue = whole ? whole.pinned : before.pinned;
  const pinned = current.pinned === null ? null : typeof pinnedValue === 'boolean' ? pinnedValue : false;
  if (whole) {
    return {
      status,
      previousStatus: (whole.previousStatus as SouvenirStatus | null) ?? null,
      pinned,
      approvedAt: asDate(whole.approvedAt),
      approvedBy: typeof whole.approvedBy === 'number' ? whole.approvedBy : null,
    };
  }
  const approved = status === 'approved';
  return {
    status,
    previousStatus: status === 'spam' || status === 'trash' ? current.previousStatus : null,
    pinned,
    approvedAt: approved ? (current.approvedAt ?? now) : null,
    approvedBy: approved ? current.approvedBy : null,
  };
}

/**
 * Puts an item back in the state it had before the decision `eventId` records ("Annuler" in the
 * queue, "restore the previous state" in the journal), through the same target as a decision, so
 * its follow-ups (the wall told, the kept counts moved) are the same; writes a `revert` audit row
 * naming the event. Refused as a `conflict` when the item has changed since that decision (its
 * status or pin is no longer what the decision left), `not_allowed` for a withdrawn item, and
 * `not_found` for an event that is not a decision on this target type. Returns the new status.
 */
export async function revertItem<S extends DecidableState>(
  db: Kysely<Database>,
  target: DecisionTarget<S>,
  request: RevertRequest,
): Promise<SouvenirStatus> {
  const now = request.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const event = await trx
      .selectFrom('moderation_event')
      .selectAll()
      .where('id', '=', request.eventId)
      .where('target_type', '=', target.targetType)
      .where('action', 'in', REVERTIBLE_ACTIONS)
      .executeTakeFirst();
    if (!event) throw new DecisionError('not_found');
    const current = await target.read(trx, event.target_id);
    if (!current) throw new DecisionError('not_found');
    if (current.withdrawn) throw new DecisionError('not_allowed', current.status);
    const left = snapshot(event.after);
    const moved =
      current.status !== left.status || (typeof left.pinned === 'boolean' && current.pinned !== left.pinned);
    if (moved) throw new DecisionError('conflict', current.status);
    // Taking back a dismissal's "Annuler" would dismiss again reports opened since, unread: a
    // dismissal is made again from the reports tab, which shows what is open.
    if (event.action === 'revert' && (await revertsDismissal(trx, event))) {
      throw new DecisionError('not_allowed', current.status);
    }
    const next = previousState(event, current, now);
    const settled = settledBy(event);
    const ofDismissal = event.action === 'reports.dismiss';
    // A dismissal's "Annuler" settles nothing: the reports open now were filed since it, or left
    // open by it, and nobody has read them. Said in its journal row with those it opens again.
    const leftOpen = ofDismissal ? await openReportCount(trx, target.targetType, event.target_id) : 0;
    // Said in the revert's own journal row: the reports it opens again, and the item they hide again.
    const reopening = settled
      ? await countSettledReports(trx, target.targetType, event.target_id, settled.settledAt)
      : 0;
    const hiddenAfter =
      next.status === 'approved' &&
      ((settled?.hidden ?? false) ||
        (leftOpen > 0 && (await hiddenByReportsNow(trx, target.targetType, event.target_id))));
    const reopened =
      reopening > 0 ? { openReports: reopening + leftOpen, ...(hiddenAfter ? { hiddenByReports: true } : {}) } : {};
    // As a decision does: reports open now are settled and a hidden item shown first, so the kept
    // counts move from what the public saw (a revert of a revert meets an item hidden again), and
    // kept with the revert, so that taking it back opens them again.
    const released = ofDismissal ? null : await target.releaseReports(trx, event.target_id, request.actor, now);
    const status = await commitDecided(
      trx,
      target,
      event.target_id,
      current,
      next,
      now,
      { actor: request.actor, action: 'revert', after: { ...journalState(next), revertOf: event.id, ...reopened } },
      released,
    );
    // The reports the decision settled are open again: the item is back on the reported tab.
    if (settled) await target.reopenReports(trx, event.target_id, settled.settledAt, settled.hidden);
    return status;
  });
}
