import type { Kysely } from 'kysely';
import type { Database, ReportTargetType, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { DecisionError } from '../moderation/decisions.ts';
import { releaseReports } from './release.ts';

export interface DismissRequest {
  targetType: ReportTargetType;
  id: number;
  actor: Actor;
  reason?: string | null;
  now?: Date;
}

/**
 * A moderator finds nothing wrong: the item's open reports are resolved, an item they hid is
 * shown again where it was (its status never left `approved`), and the audit log says so, in
 * one transaction. Throws DecisionError not_found for an unknown item, and `conflict` (with its
 * status) when it has no open report left — someone else decided meanwhile.
 */
export async function dismissReports(db: Kysely<Database>, request: DismissRequest): Promise<SouvenirStatus> {
  const now = request.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const item = await trx
      .selectFrom(request.targetType)
      .select(['status', 'hidden_by_reports'])
      .where('id', '=', request.id)
      // The item first, then its reports, as a decision locks them (contributions/decide.ts): in
      // the other order two moderators on the same item could wait for each other.
      .forUpdate()
      .executeTakeFirst();
    if (!item) throw new DecisionError('not_found');
    const released = await releaseReports(trx, request.targetType, request.id, request.actor, now);
    if (released.resolved === 0) throw new DecisionError('conflict', item.status);
    await recordEvent(trx, {
      actor: request.actor,
      action: 'reports.dismiss',
      targetType: request.targetType,
      targetId: request.id,
      reason: request.reason ?? null,
      before: { status: item.status, hiddenByReports: released.wasHidden, openReports: released.resolved },
      after: { status: item.status, hiddenByReports: false, openReports: 0 },
    });
    return item.status;
  });
}
