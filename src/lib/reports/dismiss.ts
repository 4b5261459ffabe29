import type { Kysely } from 'kysely';
import type { Database, ReportTargetType, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { DecisionError, restoreStateOf } from '../moderation/decisions.ts';
import { TARGETS } from '../contributions/decide.ts';
import { releaseReports } from './release.ts';

export interface DismissRequest {
  targetType: ReportTargetType;
  id: number;
  actor: Actor;
  reason?: string | null;
  /**
   * The reports the moderator's page showed, by id: the others stay open (nobody has read them,
   * and while they are open a hidden item stays hidden), and when none of those shown is open any
   * more the dismissal is refused as `conflict`.
   */
  reportsSeen?: readonly number[];
  now?: Date;
}

/**
 * A moderator finds nothing wrong: the item's open reports are resolved, an item they hid is
 * shown again where it was (its status never left `approved`), and the audit log says so, in
 * one transaction, with what "Annuler" puts back (its reports open, the item hidden again). Throws DecisionError not_found for an unknown item, and `conflict` (with its
 * status) when it has no open report left — someone else decided meanwhile.
 */
export async function dismissReports(db: Kysely<Database>, request: DismissRequest): Promise<SouvenirStatus> {
  const now = request.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    // Read as a decision reads it, locks in the same order (a comment's souvenir, the item, then
    // its reports): in another, two moderators on the same item could wait for each other.
    const item = await TARGETS[request.targetType].read(trx, request.id);
    if (!item) throw new DecisionError('not_found');
    const seen = request.reportsSeen === undefined ? undefined : { ids: request.reportsSeen, only: true };
    const released = await releaseReports(trx, request.targetType, request.id, request.actor, now, seen);
    if (released.resolved === 0) throw new DecisionError('conflict', item.status);
    await recordEvent(trx, {
      actor: request.actor,
      action: 'reports.dismiss',
      targetType: request.targetType,
      targetId: request.id,
      reason: request.reason ?? null,
      before: {
        status: item.status,
        hiddenByReports: released.wasHidden || released.stillHidden,
        openReports: released.resolved + released.open,
      },
      after: {
        status: item.status,
        hiddenByReports: released.stillHidden,
        openReports: released.open,
      },
      // What "Annuler" puts back (moderation/revert.ts): the same state, the reports open again.
      restoreState: restoreStateOf(item, { settledAt: now, hidden: released.wasHidden }),
    });
    return item.status;
  });
}
