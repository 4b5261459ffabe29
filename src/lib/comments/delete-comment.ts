import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { DecisionError } from '../moderation/decisions.ts';
import { adjustCommentCount } from './comment-count.ts';

/**
 * Deletes a comment for good, with its replies (one level), for an erasure. The souvenir's count
 * loses every approved comment that goes, in the same transaction; an audit tombstone stays.
 * Returns how many comments were deleted.
 */
export async function deleteComment(
  db: Kysely<Database>,
  request: { id: number; actor: Actor; reason?: string | null },
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const doomed = await trx
      .selectFrom('comment')
      .select(['id', 'souvenir_id', 'status', 'hidden_by_reports'])
      .where((eb) => eb.or([eb('id', '=', request.id), eb('parent_id', '=', request.id)]))
      .execute();
    const target = doomed.find((c) => c.id === request.id);
    if (!target) throw new DecisionError('not_found');
    await trx.deleteFrom('comment').where('id', '=', request.id).execute();
    await recordEvent(trx, {
      actor: request.actor,
      action: 'delete',
      targetType: 'comment',
      targetId: request.id,
      reason: request.reason ?? null,
      before: { status: target.status, replies: doomed.length - 1 },
    });
    // A comment hidden by reports already left the count when it was hidden.
    const counted = doomed.filter((c) => c.status === 'approved' && !c.hidden_by_reports);
    await adjustCommentCount(trx, target.souvenir_id, -counted.length);
    return doomed.length;
  });
}
