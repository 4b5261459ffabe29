import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { decideItem } from '../moderation/decisions.ts';
import type { DecidableState, DecisionRequest, DecisionTarget } from '../moderation/decisions.ts';
import { adjustCommentCount, approvalDelta } from './comment-count.ts';
import { releaseReports } from '../reports/release.ts';

type CommentState = DecidableState & { souvenirId: number };

const commentTarget: DecisionTarget<CommentState> = {
  targetType: 'comment',
  async read(trx, id) {
    const row = await trx
      .selectFrom('comment')
      .select(['souvenir_id', 'status', 'previous_status', 'approved_at', 'approved_by', 'withdrawn_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        souvenirId: row.souvenir_id,
        status: row.status,
        previousStatus: row.previous_status,
        pinned: null,
        approvedAt: row.approved_at,
        approvedBy: row.approved_by,
        withdrawn: row.withdrawn_at !== null,
      }
    );
  },
  async write(trx, id, current, next, now) {
    const updated = await trx
      .updateTable('comment')
      .set({
        status: next.status,
        previous_status: next.previousStatus,
        updated_at: now,
        approved_at: next.approvedAt,
        approved_by: next.approvedBy,
      })
      .where('id', '=', id)
      .where('status', '=', current.status)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  },
  async afterWrite(trx, _id, current, next) {
    await adjustCommentCount(trx, current.souvenirId, approvalDelta(current.status, next.status));
  },
  releaseReports: (trx, id, actor, now) => releaseReports(trx, 'comment', id, actor, now),
};

/**
 * Applies one moderator decision to a comment (the souvenir decisions without pinning), with its
 * audit row and the souvenir's comment count moved in the same transaction.
 */
export function decideComment(db: Kysely<Database>, request: DecisionRequest): Promise<SouvenirStatus> {
  return decideItem(db, commentTarget, request);
}
