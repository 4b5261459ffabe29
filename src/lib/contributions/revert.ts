import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { DecisionError } from '../moderation/decisions.ts';
import type { DecidableState, DecisionTarget } from '../moderation/decisions.ts';
import { withdrawQueuedDecision } from '../mail/contribution-mail.ts';
import { revertItem } from '../moderation/revert.ts';
import type { RevertRequest } from '../moderation/revert.ts';
import type { Actor } from '../moderation/audit.ts';
import { TARGETS } from './decide.ts';
import { isContributionKind } from './kinds.ts';
import type { ContributionKind, ContributionStatus } from './kinds.ts';

/**
 * A kind's decision target for taking a decision back: the same follow-ups (wall, counts), and
 * the author's message about the decision dropped if it has not left yet. No new message is
 * queued: a restored state is the team correcting itself, not news for the author.
 */
function revertTarget(kind: ContributionKind): DecisionTarget<DecidableState & { souvenirId: number | null }> {
  const target = TARGETS[kind];
  return {
    ...target,
    afterWrite: async (trx, id, current, next) => {
      await target.afterWrite(trx, id, current, next);
      if (current.status === 'approved' && next.status !== 'approved')
        await withdrawQueuedDecision(trx, kind, id, 'published');
      if (current.status === 'rejected' && next.status !== 'rejected')
        await withdrawQueuedDecision(trx, kind, id, 'declined');
    },
  };
}

export interface RevertOutcome {
  kind: ContributionKind;
  id: number;
  status: ContributionStatus;
}

/**
 * Restores the state a contribution of any kind had before the decision the journal row
 * `eventId` records (see `revertItem`). Throws DecisionError.
 */
export async function revertContribution(db: Kysely<Database>, request: RevertRequest): Promise<RevertOutcome> {
  const event = await db
    .selectFrom('moderation_event')
    .select(['target_type', 'target_id'])
    .where('id', '=', request.eventId)
    .executeTakeFirst();
  if (!event || !isContributionKind(event.target_type)) throw new DecisionError('not_found');
  const status = await revertItem(db, revertTarget(event.target_type), request);
  return { kind: event.target_type, id: event.target_id, status };
}

/**
 * The journal rows of the decision `actor` has just made on these items (the latest of each), for
 * the queue's "Annuler" link: the link names rows, so it can only take back what was decided.
 */
export async function decisionEventIds(
  db: Kysely<Database>,
  kind: ContributionKind,
  ids: readonly number[],
  decision: string,
  actor: Actor,
): Promise<number[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('moderation_event')
    .select((eb) => eb.fn.max('id').as('id'))
    .where('target_type', '=', kind)
    .where('target_id', 'in', ids)
    .where('action', '=', decision)
    .where('actor_label', '=', actor.label)
    .where((eb) => (actor.id === null ? eb('actor_id', 'is', null) : eb('actor_id', '=', actor.id)))
    .groupBy('target_id')
    .execute();
  return rows.map((row) => Number(row.id)).sort((a, b) => a - b);
}

/** The kind of contribution a journal row is about, or null when it is about something else. */
export async function eventKind(db: Kysely<Database>, eventId: number): Promise<ContributionKind | null> {
  const row = await db
    .selectFrom('moderation_event')
    .select('target_type')
    .where('id', '=', eventId)
    .executeTakeFirst();
  return row && isContributionKind(row.target_type) ? row.target_type : null;
}
