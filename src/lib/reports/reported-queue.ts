import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, ReportReason, ReportTargetType } from '../../../db/types.ts';
import { queueItemsByIds } from '../contributions/queue.ts';
import type { QueueItem } from '../contributions/queue.ts';
import { REPORT_REASONS } from './reasons.ts';

/** How many reported items the tab lists: the most reported first; a decision makes room for the next. */
export const REPORTED_PAGE_SIZE = 50;

export interface ReportNote {
  reason: ReportReason;
  note: string;
  at: Date;
}

export interface ReportedItem {
  item: QueueItem;
  /** Open reports (one per visitor). */
  reports: number;
  /** Open reports per reason, in the form's order, reasons nobody chose left out. */
  reasons: { reason: ReportReason; count: number }[];
  /** The visitors' notes, newest first. */
  notes: ReportNote[];
  lastReportedAt: Date;
  /** The open reports' ids, as listed: the tab's forms send them, so a decision is for the reports shown (release.ts, ReportsSeen). */
  reportIds: number[];
}

/** Items with open reports that are still approved (their author may have withdrawn them meanwhile). */
function openReportGroups(db: Kysely<Database>) {
  return db
    .selectFrom('report as r')
    .leftJoin('souvenir as s', (join) => join.onRef('s.id', '=', 'r.target_id').on('r.target_type', '=', 'souvenir'))
    .leftJoin('comment as c', (join) => join.onRef('c.id', '=', 'r.target_id').on('r.target_type', '=', 'comment'))
    .where('r.resolved_at', 'is', null)
    .where(sql<boolean>`coalesce(s.status, c.status) = 'approved'`)
    .where('s.withdrawn_at', 'is', null)
    .groupBy(['r.target_type', 'r.target_id']);
}

/** How many items wait in the "Signalés" tab (shown in the queue's tabs and the moderator bar). */
export async function countReportedItems(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom(openReportGroups(db).select(['r.target_type', 'r.target_id']).as('g'))
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The "Signalés" tab: approved items with open reports, hidden ones first, then the most
 * reported, then the latest reported; each with its reasons counted and its notes. Three
 * queries whatever the number of items (groups, reports, then the items of each kind).
 */
export async function listReportedItems(db: Kysely<Database>, limit = REPORTED_PAGE_SIZE): Promise<ReportedItem[]> {
  const groups = await openReportGroups(db)
    .select([
      'r.target_type',
      'r.target_id',
      sql<number>`count(*)::int`.as('reports'),
      sql<Date>`max(r.created_at)`.as('last_at'),
      sql<boolean>`bool_or(coalesce(s.hidden_by_reports, c.hidden_by_reports))`.as('hidden'),
    ])
    .orderBy('hidden', 'desc')
    .orderBy('reports', 'desc')
    .orderBy('last_at', 'desc')
    .limit(limit)
    .execute();
  if (groups.length === 0) return [];

  const idsOf = (type: ReportTargetType) => groups.filter((g) => g.target_type === type).map((g) => g.target_id);
  const souvenirIds = idsOf('souvenir');
  const commentIds = idsOf('comment');
  const [reports, souvenirs, comments] = await Promise.all([
    db
      .selectFrom('report')
      .select(['id', 'target_type', 'target_id', 'reason', 'note', 'created_at'])
      .where('resolved_at', 'is', null)
      .where((eb) =>
        eb.or([
          eb.and([eb('target_type', '=', 'souvenir'), eb('target_id', 'in', souvenirIds.length ? souvenirIds : [0])]),
          eb.and([eb('target_type', '=', 'comment'), eb('target_id', 'in', commentIds.length ? commentIds : [0])]),
        ]),
      )
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute(),
    queueItemsByIds(db, 'souvenir', souvenirIds),
    queueItemsByIds(db, 'comment', commentIds),
  ]);

  const key = (type: ReportTargetType, id: number) => `${type}:${id}`;
  const items = new Map([...souvenirs, ...comments].map((item) => [key(item.targetType, item.id), item]));
  return groups.flatMap((group) => {
    const item = items.get(key(group.target_type, group.target_id));
    const own = reports.filter((r) => r.target_type === group.target_type && r.target_id === group.target_id);
    // Settled by someone else between the two reads: nothing left to decide on (and a form
    // without reports would decide for whatever is filed next).
    if (!item || own.length === 0) return [];
    const reasons = REPORT_REASONS.map((reason) => ({
      reason,
      count: own.filter((r) => r.reason === reason).length,
    })).filter((r) => r.count > 0);
    const notes = own.flatMap((r) => (r.note ? [{ reason: r.reason, note: r.note, at: r.created_at }] : []));
    return [
      {
        item,
        // Counted from the reports listed (read after the groups, they may include one filed since).
        reports: own.length,
        reasons,
        notes,
        lastReportedAt: new Date(group.last_at),
        reportIds: own.map((r) => r.id),
      },
    ];
  });
}
