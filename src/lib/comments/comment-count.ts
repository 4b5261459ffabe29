import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { WALL_CHANNEL } from '../moderation/decisions.ts';
import { recordWallChange } from '../wall/changes.ts';

/** +1 when a comment enters `approved`, -1 when it leaves it, 0 otherwise. */
export function approvalDelta(before: SouvenirStatus | null, after: SouvenirStatus | null): number {
  return (after === 'approved' ? 1 : 0) - (before === 'approved' ? 1 : 0);
}

/**
 * Moves a souvenir's kept count of approved comments by `delta`, inside the transaction of the
 * change that caused it (the wall never counts per view), and tells the wall its most-commented
 * list changed (`comment:<id>`, which live screens ignore: the souvenir itself did not change).
 */
export async function adjustCommentCount(trx: Transaction<Database>, souvenirId: number, delta: number): Promise<void> {
  if (delta === 0) return;
  await trx
    .updateTable('souvenir')
    .set({ comment_count: sql`comment_count + ${delta}` })
    .where('id', '=', souvenirId)
    .execute();
  await commentsChanged(trx, souvenirId);
}

/**
 * Tells every process that a souvenir's published comments changed (`comment:<id>`, which live
 * screens ignore: the souvenir itself did not change), recorded in the change sequence too so
 * the page's ETag moves: its cached page is drawn again.
 */
export async function commentsChanged(trx: Transaction<Database>, souvenirId: number): Promise<void> {
  await recordWallChange(trx, 'comment', souvenirId);
  await sql`select pg_notify(${WALL_CHANNEL}, ${`comment:${souvenirId}`})`.execute(trx);
}
