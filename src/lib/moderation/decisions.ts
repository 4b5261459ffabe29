import type { Kysely, Transaction } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from './audit.ts';
import type { Actor, AuditEntry } from './audit.ts';

export type Decision = 'approve' | 'reject' | 'spam' | 'trash' | 'restore' | 'pin' | 'unpin';
export const DECISIONS: readonly Decision[] = ['approve', 'reject', 'spam', 'trash', 'restore', 'pin', 'unpin'];

/** Channel told about every change the wall shows (lower-case: PGlite folds LISTEN names). */
export const WALL_CHANNEL = 'wall_changed';

/**
 * Why a decision was refused: the item is gone, someone decided it first (`conflict`), its text
 * changed since it was read (`changed`), the decision does not apply, or (`settled`) it was decided
 * for reports someone else has dealt with since.
 */
export type DecisionErrorCode = 'not_found' | 'conflict' | 'changed' | 'not_allowed' | 'settled';

export class DecisionError extends Error {
  readonly code: DecisionErrorCode;
  readonly currentStatus: SouvenirStatus | null;
  constructor(code: DecisionErrorCode, currentStatus: SouvenirStatus | null = null) {
    super(`decision refused: ${code}${currentStatus ? ` (status is ${currentStatus})` : ''}`);
    this.name = 'DecisionError';
    this.code = code;
    this.currentStatus = currentStatus;
  }
}

export interface DecisionRequest {
  id: number;
  decision: Decision;
  actor: Actor;
  reason?: string | null;
  /** The status the moderator saw; the decision is refused as a conflict when it has changed. */
  expectedStatus?: SouvenirStatus;
  /**
   * When the text the moderator read was last changed: a decision on a text changed since (its
   * author corrected it) is refused as a conflict, so nobody publishes what they did not read.
   */
  expectedUpdatedAt?: Date;
  /**
   * Decided in the reports tab, for the reports it showed (their ids): refused as `settled` when
   * none of them is open any more (another moderator kept the item published meanwhile, whatever
   * was reported since), so it is read again first.
   */
  reportsSeen?: readonly number[];
  now?: Date;
}

const BIN: ReadonlySet<SouvenirStatus> = new Set(['spam', 'trash']);

/**
 * The decisions that change something for an item in this state, in the order the queue offers
 * them. Anything else is refused as `not_allowed`: a no-op decision would only add noise to the
 * journal. `pinned` is null for items that cannot be pinned (comments). A souvenir its author
 * withdrew has been erased and stays in the trash for good. An item that could not appear if
 * approved (`publishable` false: a comment whose souvenir is not published) is not approved: its
 * author would be told it is published, with a link to a page that does not exist.
 */
export function allowedDecisions(
  status: SouvenirStatus,
  pinned: boolean | null,
  withdrawn = false,
  publishable = true,
): Decision[] {
  if (withdrawn) return [];
  const allowed: Decision[] = [];
  if (BIN.has(status)) allowed.push('restore');
  if (status !== 'approved' && publishable) allowed.push('approve');
  if (status === 'approved' && pinned !== null) allowed.push(pinned ? 'unpin' : 'pin');
  if (status !== 'rejected') allowed.push('reject');
  if (status !== 'spam') allowed.push('spam');
  if (status !== 'trash') allowed.push('trash');
  return allowed;
}

/** What a decision reads of an item, whatever its kind. */
export interface DecidableState {
  status: SouvenirStatus;
  previousStatus: SouvenirStatus | null;
  /** Null for items that cannot be pinned. */
  pinned: boolean | null;
  approvedAt: Date | null;
  approvedBy: number | null;
  withdrawn: boolean;
  /** When its text last changed, where the target reads it. */
  updatedAt?: Date;
  /** False when approving it would show it nowhere (a comment whose souvenir is not published). */
  publishable?: boolean;
}

export type NextState = Omit<DecidableState, 'withdrawn'>;

function targetStatus(decision: Decision, current: SouvenirStatus, previous: SouvenirStatus | null): SouvenirStatus {
  switch (decision) {
    case 'approve':
      return 'approved';
    case 'reject':
      return 'rejected';
    case 'spam':
      return 'spam';
    case 'trash':
      return 'trash';
    case 'restore':
      return previous ?? 'pending';
    case 'pin':
    case 'unpin':
      return current;
  }
}

/**
 * The state a decision leads to. Spam and trash are a bin: they remember the status the item had
 * before it entered the bin (moving it from trash to spam keeps that memory), and `restore` puts
 * it back exactly, with its approval time and pin, so an approved item returns to its place.
 * Throws DecisionError `not_allowed` for a decision that does not apply.
 */
export function planDecision(
  current: DecidableState,
  decision: Decision,
  actorId: number | null,
  now: Date,
): NextState {
  if (!allowedDecisions(current.status, current.pinned, current.withdrawn, current.publishable).includes(decision)) {
    throw new DecisionError('not_allowed', current.status);
  }
  const status = targetStatus(decision, current.status, current.previousStatus);
  const entersBin = BIN.has(status);
  const previousStatus = entersBin ? (BIN.has(current.status) ? current.previousStatus : current.status) : null;
  // A rejection is a verdict on the text: it also loses its pin. The bin keeps it for a restore.
  const pinned =
    current.pinned === null
      ? null
      : decision === 'pin'
        ? true
        : decision === 'unpin' || status === 'rejected'
          ? false
          : current.pinned;
  const republished = decision === 'restore' && status === 'approved' && current.approvedAt;
  const newlyApproved = status === 'approved' && current.status !== 'approved' && !republished;
  const keepsApproval = status === 'approved' || entersBin;
  return {
    status,
    previousStatus,
    pinned,
    approvedAt: newlyApproved ? now : keepsApproval ? current.approvedAt : null,
    approvedBy: newlyApproved ? actorId : keepsApproval ? current.approvedBy : null,
  };
}

/** The table-specific half of a decision: how one kind of item is read, written and followed up. */
export interface DecisionTarget<S extends DecidableState> {
  targetType: 'souvenir' | 'comment';
  read(trx: Transaction<Database>, id: number): Promise<S | undefined>;
  /** Writes `next` only if the row still has `current`'s status (and pin); returns whether it did. */
  write(trx: Transaction<Database>, id: number, current: S, next: NextState, now: Date): Promise<boolean>;
  /** Whatever else the change moves, in the same transaction (kept counts, notifications). */
  afterWrite(trx: Transaction<Database>, id: number, current: S, next: NextState): Promise<void>;
  /** Resolves the item's open reports and unhides it (reports/release.ts): how many, and whether it was hidden. */
  releaseReports(
    trx: Transaction<Database>,
    id: number,
    actor: Actor,
    now: Date,
    seen?: { ids: readonly number[] },
  ): Promise<{ resolved: number; seen: number; wasHidden: boolean }>;
  /** Opens again the reports a decision settled at `settledAt`, and hides the item again if they had (reports/release.ts). */
  reopenReports(trx: Transaction<Database>, id: number, settledAt: Date, hidden: boolean): Promise<number>;
}

/** The reports a decision settled, kept with the state a revert puts back, so that it opens them again. */
export interface SettledReports {
  settledAt: Date;
  /** They had hidden the item. */
  hidden: boolean;
}

/** What "restore the previous state" needs of the state a decision started from (moderation/revert.ts). */
export function restorableState(state: DecidableState): NextState {
  return {
    status: state.status,
    previousStatus: state.previousStatus,
    pinned: state.pinned,
    approvedAt: state.approvedAt,
    approvedBy: state.approvedBy,
  };
}

/**
 * What a revert puts back of a step that started from `state`, with the reports the step settled,
 * if any, to open again (moderation/revert.ts): a decision's and a dismissal's alike.
 */
export function restoreStateOf(state: DecidableState, settled: SettledReports | null) {
  const whole = restorableState(state);
  return settled
    ? { ...whole, reports: { settledAt: settled.settledAt.toISOString(), hidden: settled.hidden } }
    : whole;
}

/** The reports a step settled, as its target's `releaseReports` says (null when it settled none). */
type Released = { resolved: number; wasHidden: boolean } | null;

/**
 * Moves an item from `current` to `next`, a decision's or its revert's, in the caller's
 * transaction: writes it through the kind's target, or throws why it could not (someone committed
 * a decision between our read and our write: PostgreSQL re-checks the WHERE after waiting for
 * their row lock, and read committed lets us see what they decided, or that the item is gone);
 * then its audit row with the state a revert would put back, then the kind's follow-ups. Returns
 * the new status.
 */
export async function commitDecided<S extends DecidableState>(
  trx: Transaction<Database>,
  target: DecisionTarget<S>,
  id: number,
  current: S,
  next: NextState,
  now: Date,
  journal: Pick<AuditEntry, 'actor' | 'action' | 'reason' | 'after'>,
  released: Released = null,
): Promise<SouvenirStatus> {
  if (!(await target.write(trx, id, current, next, now))) {
    const latest = await target.read(trx, id);
    throw new DecisionError(latest ? 'conflict' : 'not_found', latest?.status ?? null);
  }
  const settled = released?.resolved ? { settledAt: now, hidden: released.wasHidden } : null;
  await recordEvent(trx, {
    ...journal,
    // The journal says what the step settled; the restore state keeps it for the step's undo.
    before: settled
      ? {
          ...journalState(current),
          openReports: released!.resolved,
          ...(settled.hidden ? { hiddenByReports: true } : {}),
        }
      : journalState(current),
    targetType: target.targetType,
    targetId: id,
    restoreState: restoreStateOf(current, settled),
  });
  await target.afterWrite(trx, id, current, next);
  return next.status;
}

/** What the journal's before and after say of a state: its status, and its pin where the kind has one. */
export function journalState(state: { status: SouvenirStatus; pinned: boolean | null }): {
  status: SouvenirStatus;
  pinned?: boolean;
} {
  return state.pinned === null ? { status: state.status } : { status: state.status, pinned: state.pinned };
}

/** Pinning is not a verdict on the text: every other decision settles the visitors' reports. */
const KEEPS_REPORTS: ReadonlySet<Decision> = new Set(['pin', 'unpin']);

/**
 * Applies one moderator decision to one item and writes its audit row in the same transaction;
 * returns the new status. A decision on an item someone else decided meanwhile is refused as a
 * `conflict` naming the status it now has; on a text changed since it was read, as `changed`; one
 * taken for reports someone else has dealt with since (`reportsSeen`), as `settled`.
 */
export async function decideItem<S extends DecidableState>(
  db: Kysely<Database>,
  target: DecisionTarget<S>,
  request: DecisionRequest,
): Promise<SouvenirStatus> {
  const now = request.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const current = await target.read(trx, request.id);
    if (!current) throw new DecisionError('not_found');
    const expected = request.expectedStatus ?? current.status;
    if (current.status !== expected) throw new DecisionError('conflict', current.status);
    // Timestamps reach the form with millisecond precision; the column may hold microseconds.
    const read = request.expectedUpdatedAt;
    if (read && current.updatedAt && Math.abs(current.updatedAt.getTime() - read.getTime()) >= 1) {
      throw new DecisionError('changed', current.status);
    }
    const next = planDecision(current, request.decision, request.actor.id, now);
    // Before the write: a hidden item is first shown again, so the kept counts move from what the public saw.
    const released = KEEPS_REPORTS.has(request.decision)
      ? null
      : await target.releaseReports(
          trx,
          request.id,
          request.actor,
          now,
          request.reportsSeen === undefined ? undefined : { ids: request.reportsSeen },
        );
    // Rolled back with the transaction: the reports stay settled as the other moderator left them.
    if (request.reportsSeen !== undefined && released && released.seen === 0) {
      throw new DecisionError('settled', current.status);
    }

    return commitDecided(
      trx,
      target,
      request.id,
      current,
      next,
      now,
      { actor: request.actor, action: request.decision, reason: request.reason ?? null, after: journalState(next) },
      released,
    );
  });
}
