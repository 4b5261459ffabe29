import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { decideItem, WALL_CHANNEL } from './decisions.ts';
import type { DecidableState, DecisionRequest, DecisionTarget } from './decisions.ts';
import { releaseReports } from '../reports/release.ts';

// The decision vocabulary lives in decisions.ts, shared with comments; re-exported for existing callers.
export { allowedDecisions, DECISIONS, DecisionError, WALL_CHANNEL } from './decisions.ts';
export type { Decision, DecisionErrorCode, DecisionRequest } from './decisions.ts';

const souvenirTarget: DecisionTarget<DecidableState> = {
  targetType: 'souvenir',
  async read(trx, id) {
    const row = await trx
      .selectFrom('souvenir')
      .select(['status', 'previous_status', 'pinned', 'approved_at', 'approved_by', 'withdrawn_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    return (
      row && {
        status: row.status,
        previousStatus: row.previous_status,
        pinned: row.pinned,
        approvedAt: row.approved_at,
        approvedBy: row.approved_by,
        withdrawn: row.withdrawn_at !== null,
      }
    );
  },
  async write(trx, id, current, next, now) {
    const updated = await trx
      .updateTable('souvenir')
      .set({
        status: next.status,
        previous_status: next.previousStatus,
        pinned: next.pinned ?? false,
        updated_at: now,
        approved_at: next.approvedAt,
        approved_by: next.approvedBy,
      })
      .where('id', '=', id)
      .where('status', '=', current.status)
      .where('pinned', '=', current.pinned ?? false)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  },
  async afterWrite(trx, id, current, next) {
    if (next.status === 'approved' || current.status === 'approved') {
      await sql`select pg_notify(${WALL_CHANNEL}, ${String(id)})`.execute(trx);
    }
  },
  releaseReports: (trx, id, actor, now) => releaseReports(trx, 'souvenir', id, actor, now),
};

/**
 * Applies one moderator decision to a souvenir and writes its audit row in the same transaction.
 * Returns the new status. See `planDecision` for the bin and the exact restore.
 */
export function decideSouvenir(db: Kysely<Database>, request: DecisionRequest): Promise<SouvenirStatus> {
  return decideItem(db, souvenirTarget, request);
}
