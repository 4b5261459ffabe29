import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { decideItem, DecisionError } from '../moderation/decisions.ts';
import type {
  DecidableState,
  DecisionErrorCode,
  DecisionRequest,
  DecisionTarget,
  NextState,
} from '../moderation/decisions.ts';
import { releaseReports, reopenReports } from '../reports/release.ts';
import { adjustCommentCount, approvalDelta } from '../comments/comment-count.ts';
import { contributionsOf, KINDS } from './kinds.ts';
import { notifyWall } from './notify.ts';
import type { ContributionKind, ContributionStatus, ContributionTable } from './kinds.ts';
import { cancelQueuedDecision, queueDecision, queueReplies } from '../mail/contribution-mail.ts';
import type { MailRequest } from '../mail/contribution-mail.ts';

/** A comment's decision also reads the souvenir it hangs under, whose kept count it moves. */
type ContributionState = DecidableState & { souvenirId: number | null };

const STATE_COLUMNS = [
  'status',
  'previous_status',
  'approved_at',
  'approved_by',
  'withdrawn_at',
  'updated_at',
] as const;

function stateOf(row: Pick<Selectable<ContributionTable>, (typeof STATE_COLUMNS)[number]>) {
  return {
    status: row.status,
    previousStatus: row.previous_status,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
    withdrawn: row.withdrawn_at !== null,
    updatedAt: row.updated_at,
  };
}

/**
 * The state a decision starts from: the shared columns, and what only one kind has. Read with the
 * row's lock (PostgreSQL): a change committed between this read and the write (an author's photo
 * added to a pending souvenir, an edit) would otherwise be approved unseen, since the write checks
 * the status and the pin, not what the moderator saw; with the lock the decision waits for it,
 * and is refused as changed when the page sent the version it showed (expectedUpdatedAt). Locks
 * go in one order, a comment's souvenir before the comment, then reports and the wall's kept row
 * (dismissals too, reports/dismiss.ts): in another, two moderators could wait for each other.
 */
async function readState(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
): Promise<ContributionState | undefined> {
  switch (kind) {
    case 'souvenir': {
      const row = await trx
        .selectFrom('souvenir')
        .select([...STATE_COLUMNS, 'pinned'])
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return row && { ...stateOf(row), pinned: row.pinned, souvenirId: null };
    }
    case 'comment': {
      await trx
        .selectFrom('souvenir')
        .select('souvenir.id')
        .where((eb) =>
          eb('souvenir.id', '=', eb.selectFrom('comment').select('comment.souvenir_id').where('comment.id', '=', id)),
        )
        .forUpdate()
        .execute();
      const row = await trx
        .selectFrom('comment')
        .select([...STATE_COLUMNS, 'souvenir_id'])
        .select((eb) =>
          eb
            .selectFrom('souvenir')
            .select('souvenir.status')
            .whereRef('souvenir.id', '=', 'comment.souvenir_id')
            .as('souvenir_status'),
        )
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      return (
        row && {
          ...stateOf(row),
          pinned: null,
          souvenirId: row.souvenir_id,
          publishable: row.souvenir_status === 'approved',
        }
      );
    }
  }
}

/**
 * Writes `next` only if the row still has `current`'s status (and, for a souvenir, its pin: the
 * pin is part of what the moderator saw); returns whether it did. A decision committed by
 * someone else since our read leaves this one writing nothing, and decideItem says so.
 */
async function writeState(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  current: ContributionState,
  next: NextState,
  now: Date,
) {
  const shared = {
    status: next.status,
    previous_status: next.previousStatus,
    updated_at: now,
    approved_at: next.approvedAt,
    approved_by: next.approvedBy,
  };
  const { numUpdatedRows } =
    kind === 'souvenir'
      ? await trx
          .updateTable('souvenir')
          .set({ ...shared, pinned: next.pinned ?? false })
          .where('id', '=', id)
          .where('status', '=', current.status)
          .where('pinned', '=', current.pinned ?? false)
          .executeTakeFirst()
      : await contributionsOf(trx)
          .updateTable(kind)
          .set(shared)
          .where('id', '=', id)
          .where('status', '=', current.status)
          .executeTakeFirst();
  return numUpdatedRows > 0n;
}

/**
 * What a decision moves beyond the item's own row, in the same transaction: the wall shows
 * approved souvenirs, so it is told when one enters or leaves `approved`; a comment moves its
 * souvenir's kept count of approved comments (which tells the wall itself). An item leaving the
 * status a queued message announced takes that message with it.
 */
async function followUp(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  current: ContributionState,
  next: NextState,
) {
  if ((current.status === 'approved' || current.status === 'rejected') && next.status !== current.status) {
    await cancelQueuedDecision(trx, kind, id);
  }
  switch (kind) {
    case 'souvenir':
      if (next.status === 'approved' || current.status === 'approved') await notifyWall(trx, id);
      return;
    case 'comment':
      if (current.souvenirId !== null) {
        await adjustCommentCount(trx, current.souvenirId, approvalDelta(current.status, next.status));
      }
      return;
  }
}

/** How a decision reads, writes and follows up one kind of contribution. */
function decisionTarget(kind: ContributionKind): DecisionTarget<ContributionState> {
  return {
    targetType: KINDS[kind].table,
    read: (trx, id) => readState(trx, kind, id),
    write: (trx, id, current, next, now) => writeState(trx, kind, id, current, next, now),
    afterWrite: (trx, id, current, next) => followUp(trx, kind, id, current, next),
    releaseReports: (trx, id, actor, now, seen) => releaseReports(trx, KINDS[kind].table, id, actor, now, seen),
    reopenReports: (trx, id, settledAt, hidden) => reopenReports(trx, KINDS[kind].table, id, settledAt, hidden),
  };
}

/** Every kind's decision target: deciding and restoring a previous state (revert.ts) go through them. */
export const TARGETS: Readonly<Record<ContributionKind, DecisionTarget<ContributionState>>> = {
  souvenir: decisionTarget('souvenir'),
  comment: decisionTarget('comment'),
};

/** What a moderator's request adds for the messages a decision sends: links, and a word for the author. */
export interface DecisionMail extends MailRequest {
  /** A sentence the moderator typed for the author (sent as it is; the journal's reason never is). */
  note?: string | null;
}

/**
 * The messages a decision causes, in its transaction: the author hears once that their text is
 * published, and once that a text awaiting moderation is not (spam and the bin are not told: the
 * address may not be its author's); a comment's publication tells the conversation's subscribers.
 */
async function tellByMail(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  current: ContributionState,
  next: NextState,
  mail: DecisionMail,
) {
  // Published from the queue or after a refusal the team took back; refused only from the queue.
  const published = next.status === 'approved' && (current.status === 'pending' || current.status === 'rejected');
  const refused = next.status === 'rejected' && current.status === 'pending';
  if (published || refused) await queueDecision(trx, kind, id, published, mail);
  if (kind === 'comment' && next.status === 'approved' && current.status !== 'approved') {
    await queueReplies(trx, id, mail);
  }
}

function targetWithMail(kind: ContributionKind, mail: DecisionMail | undefined): DecisionTarget<ContributionState> {
  const target = TARGETS[kind];
  if (!mail) return target;
  return {
    ...target,
    afterWrite: async (trx, id, current, next) => {
      await target.afterWrite(trx, id, current, next);
      await tellByMail(trx, kind, id, current, next, mail);
    },
  };
}

/**
 * Applies one moderator decision to one contribution of any kind, with its audit row and its
 * follow-ups (the wall told, the kept counts moved) in the same transaction. Returns the new
 * status; throws DecisionError (see `decideItem` and `planDecision`). With `mail` (a moderator's
 * request; scripts leave it out), the messages it causes are queued in that transaction too.
 */
export function decideContribution(
  db: Kysely<Database>,
  kind: ContributionKind,
  request: DecisionRequest,
  mail?: DecisionMail,
): Promise<ContributionStatus> {
  return decideItem(db, targetWithMail(kind, mail), request);
}

/** `decideContribution` for a souvenir: the scripts and many tests decide souvenirs only. */
export const decideSouvenir = (db: Kysely<Database>, request: DecisionRequest) =>
  decideContribution(db, 'souvenir', request);

/** `decideContribution` for a comment. */
export const decideComment = (db: Kysely<Database>, request: DecisionRequest) =>
  decideContribution(db, 'comment', request);

export interface BulkDecision extends Omit<DecisionRequest, 'id' | 'expectedUpdatedAt'> {
  targetType: ContributionKind;
  ids: readonly number[];
  /** Each item's `updated_at` as the moderator read it: one whose text changed since is left alone. */
  versions?: ReadonlyMap<number, Date>;
  mail?: DecisionMail;
}

export type ItemOutcome =
  | { id: number; outcome: 'done'; status: ContributionStatus }
  | { id: number; outcome: DecisionErrorCode; status: ContributionStatus | null };

/**
 * One step on each distinct id of a selection, each in its own transaction (the step opens it),
 * so an item someone else has already decided is reported and skipped without undoing the others.
 * Refusals (DecisionError) become outcomes; unexpected errors still throw.
 */
export async function settleEach(
  ids: readonly number[],
  step: (id: number) => Promise<ContributionStatus>,
): Promise<ItemOutcome[]> {
  const outcomes: ItemOutcome[] = [];
  for (const id of new Set(ids)) {
    try {
      outcomes.push({ id, outcome: 'done', status: await step(id) });
    } catch (error) {
      if (!(error instanceof DecisionError)) throw error;
      outcomes.push({ id, outcome: error.code, status: error.currentStatus });
    }
  }
  return outcomes;
}

/**
 * The same decision on several items of one kind. `expectedStatus` is the status every selected
 * item had on the moderator's screen (the queue shows one status at a time); `versions`, the
 * text each showed.
 */
export function decideMany(db: Kysely<Database>, bulk: BulkDecision): Promise<ItemOutcome[]> {
  const { ids, targetType, mail, versions, ...common } = bulk;
  return settleEach(ids, async (id) => {
    const read = versions?.get(id);
    // Versions sent but none for this item (a page from before it was shown, a forged form): not read.
    if (versions && versions.size > 0 && !read) throw new DecisionError('changed', null);
    return decideContribution(db, targetType, { ...common, id, ...(read ? { expectedUpdatedAt: read } : {}) }, mail);
  });
}
