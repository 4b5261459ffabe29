import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database, ReportReason, ReportTargetType } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import { DomainError } from '../errors.ts';
import { findShownId } from '../contributions/public.ts';
import { hideByReports, openReportCount } from './release.ts';
import { plainNote } from './reasons.ts';

export type ReportOutcome = 'filed' | 'already_reported';

export interface ReportResult {
  outcome: ReportOutcome;
  /** This report reached the threshold and took the item off the public pages. */
  hidden: boolean;
}

export class ReportError extends DomainError<'not_found'> {
  constructor(code: 'not_found') {
    super('ReportError', 'report refused', code);
  }
}

export interface ReportRequest {
  targetType: ReportTargetType;
  /** The item's public id, as the page shows it. */
  publicId: string;
  reason: ReportReason;
  note?: string | null;
  ipHash: string | null;
  /** Distinct reporters that hide the item (the `reportThreshold` setting). */
  threshold: number;
  now?: Date;
}

/** The first key of the lock taken while one report of an item is filed (the second is the item's id). */
const REPORT_LOCK: Readonly<Record<ReportTargetType, number>> = { souvenir: 7_204_201, comment: 7_204_202 };

/** The id of an item the public sees now: approved, not hidden, and for a comment, on a souvenir the public sees. */
async function findReportable(
  trx: Transaction<Database>,
  type: ReportTargetType,
  publicId: string,
): Promise<number | null> {
  if (type === 'souvenir') return findShownId(trx, 'souvenir', publicId);
  const row = await trx
    .selectFrom('comment as c')
    .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
    .select('c.id')
    .where('c.public_id', '=', publicId)
    .where('c.status', '=', 'approved')
    .where('c.hidden_by_reports', '=', false)
    .where('s.status', '=', 'approved')
    .where('s.hidden_by_reports', '=', false)
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Files a visitor's report of an approved souvenir or comment: one per visitor (IP hash) per
 * item — a second is `already_reported`, not an error. When the item's open reports reach the
 * threshold it is hidden until a moderator decides, with an audit row, in the same transaction.
 * Throws ReportError not_found for an item the public does not see (unknown, not approved, or
 * already hidden).
 */
export async function fileReport(db: Kysely<Database>, request: ReportRequest): Promise<ReportResult> {
  const now = request.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const targetId = await findReportable(trx, request.targetType, request.publicId);
    if (targetId === null) throw new ReportError('not_found');
    // One report of an item at a time: each then counts the reports committed before it. Without
    // it, visitors reporting together each counted only their own (read committed), and an item
    // reported past the threshold all at once stayed shown.
    await sql`select pg_advisory_xact_lock(${REPORT_LOCK[request.targetType]}, ${targetId})`.execute(trx);
    const inserted = await trx
      .insertInto('report')
      .values({
        target_type: request.targetType,
        target_id: targetId,
        reason: request.reason,
        note: plainNote(request.note),
        // Without an address (never behind our server) everyone shares one key: still one report.
        ip_hash: request.ipHash ?? 'unknown',
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['target_type', 'target_id', 'ip_hash']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted) return { outcome: 'already_reported', hidden: false };

    const open = await openReportCount(trx, request.targetType, targetId);
    if (open < request.threshold || !(await hideByReports(trx, request.targetType, targetId)))
      return { outcome: 'filed', hidden: false };
    await recordEvent(trx, {
      actor: { id: null, label: 'public' },
      action: 'reports.hide',
      targetType: request.targetType,
      targetId,
      reason: null,
      before: { hiddenByReports: false },
      after: { hiddenByReports: true, openReports: open },
    });
    return { outcome: 'filed', hidden: true };
  });
}
