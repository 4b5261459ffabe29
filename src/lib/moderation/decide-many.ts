import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { Actor } from './audit.ts';
import { decideSouvenir, DecisionError } from './souvenir-decisions.ts';
import { decideComment } from '../comments/comment-decisions.ts';
import type { Decision, DecisionErrorCode } from './souvenir-decisions.ts';
import type { QueueStatus, QueueTarget } from './targets.ts';

export interface TargetDecision {
  targetType: QueueTarget;
  id: number;
  decision: Decision;
  actor: Actor;
  reason?: string | null;
  expectedStatus?: QueueStatus;
  now?: Date;
}

/** One decision on one queue item, whatever its kind; returns the new status. */
export function decideTarget(db: Kysely<Database>, request: TargetDecision): Promise<QueueStatus> {
  switch (request.targetType) {
    case 'souvenir':
      return decideSouvenir(db, request);
    case 'comment':
      return decideComment(db, request);
  }
}

export interface BulkDecision {
  targetType: QueueTarget;
  ids: readonly number[];
  decision: Decision;
  actor: Actor;
  reason?: string | null;
  /** The status every selected item had on the moderator's screen (the queue shows one status at a time). */
  expectedStatus?: QueueStatus;
  now?: Date;
}

export type ItemOutcome =
  | { id: number; outcome: 'done'; status: QueueStatus }
  | { id: number; outcome: DecisionErrorCode; status: QueueStatus | null };

/**
 * The same decision on several items, each in its own transaction, so an item someone else has
 * already decided is reported and skipped without undoing the others. Unexpected errors still throw.
 */
export async function decideMany(db: Kysely<Database>, bulk: BulkDecision): Promise<ItemOutcome[]> {
  const { ids, ...common } = bulk;
  const outcomes: ItemOutcome[] = [];
  for (const id of new Set(ids)) {
    try {
      const status = await decideTarget(db, { ...common, id });
      outcomes.push({ id, outcome: 'done', status });
    } catch (error) {
      if (!(error instanceof DecisionError)) throw error;
      outcomes.push({ id, outcome: error.code, status: error.currentStatus });
    }
  }
  return outcomes;
}
