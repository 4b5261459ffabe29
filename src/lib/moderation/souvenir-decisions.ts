import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { recordEvent } from './audit.ts';
import type { Actor } from './audit.ts';

export type Decision = 'approve' | 'reject' | 'spam' | 'trash' | 'restore' | 'pin' | 'unpin';
export const DECISIONS: readonly Decision[] = ['approve', 'reject', 'spam', 'trash', 'restore', 'pin', 'unpin'];

/** Channel told about every change the wall shows (lower-case: PGlite folds LISTEN names). */
export const WALL_CHANNEL = 'wall_changed';

export type DecisionErrorCode = 'not_found' | 'conflict' | 'not_allowed';

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
  now?: Date;
}

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
      if (current !== 'spam' && current !== 'trash') throw new DecisionError('not_allowed', current);
      return previous ?? 'pending';
    case 'pin':
    case 'unpin':
      return current;
  }
}

/**
 * Applies one moderator decision to a souvenir and writes its audit row in the same transaction.
 * Returns the new status.
 */
export async function decideSouvenir(db: Kysely<Database>, request: DecisionRequest): Promise<SouvenirStatus> {
  const now = request.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('souvenir')
      .select(['status', 'previous_status', 'pinned', 'approved_at'])
      .where('id', '=', request.id)
      .executeTakeFirst();
    if (!current) throw new DecisionError('not_found');
    const expected = request.expectedStatus ?? current.status;
    if (current.status !== expected) throw new DecisionError('conflict', current.status);

    const status = targetStatus(request.decision, current.status, current.previous_status);
    if ((request.decision === 'pin' || request.decision === 'unpin') && current.status !== 'approved') {
      throw new DecisionError('not_allowed', current.status);
    }
    const keepsPrevious = request.decision === 'spam' || request.decision === 'trash';
    const updated = await trx
      .updateTable('souvenir')
      .set({
        status,
        previous_status: keepsPrevious ? (current.status === status ? current.previous_status : current.status) : null,
        pinned: request.decision === 'pin' ? true : request.decision === 'unpin' ? false : current.pinned,
        updated_at: now,
        approved_at: status === 'approved' ? (current.status === 'approved' ? current.approved_at : now) : null,
        ...(request.decision === 'approve' && current.status !== 'approved' ? { approved_by: request.actor.id } : {}),
      })
      .where('id', '=', request.id)
      .where('status', '=', expected)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new DecisionError('conflict');

    await recordEvent(trx, {
      actor: request.actor,
      action: request.decision,
      targetType: 'souvenir',
      targetId: request.id,
      reason: request.reason ?? null,
      before: { status: current.status, pinned: current.pinned },
      after: { status, pinned: request.decision === 'pin' ? true : request.decision === 'unpin' ? false : current.pinned },
    });
    if (status === 'approved' || current.status === 'approved') {
      await sql`select pg_notify(${WALL_CHANNEL}, ${String(request.id)})`.execute(trx);
    }
    return status;
  });
}
