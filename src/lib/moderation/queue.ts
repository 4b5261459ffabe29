import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirRow } from '../../../db/types.ts';
import { encodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';
import { QUEUE_STATUSES } from './targets.ts';
import { countCommentsByStatus, listCommentQueue } from './comment-queue.ts';
import type { QueueStatus, QueueTarget } from './targets.ts';

export const QUEUE_PAGE_SIZE = 25;

/** What a moderator sees of an item: everything the wall shows, plus the author's email. */
export interface QueueItem {
  targetType: QueueTarget;
  id: number;
  publicId: string;
  title: string | null;
  /** Sanitised on write, shown exactly as the wall would show it. */
  bodyHtml: string;
  authorName: string;
  /** Moderators only: never render this outside /moderation. */
  authorEmail: string;
  locale: string;
  memoryYear: number | null;
  event: string | null;
  hashtags: string[];
  flagReasons: string[];
  status: QueueStatus;
  /** For spam and trash: where `restore` puts it back. */
  previousStatus: QueueStatus | null;
  /** Null for comments, which cannot be pinned. */
  pinned: boolean | null;
  isDemo: boolean;
  /** Erased by its author: shown as a tombstone, no decision applies. */
  withdrawn: boolean;
  /** Approved but off the public pages: enough visitors reported it (see /moderation/signalements). */
  hiddenByReports: boolean;
  createdAt: Date;
  updatedAt: Date;
  /** Comments only: the author's website, the souvenir answered, and who the reply answers. */
  authorWebsite: string | null;
  souvenir: { publicId: string; title: string | null; authorName: string } | null;
  replyToName: string | null;
}

export interface QueuePage {
  items: QueueItem[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
}

export interface QueueQuery {
  status: QueueStatus;
  cursor?: KeysetCursor | null;
  limit?: number;
  targetType?: QueueTarget;
}

const QUEUE_COLUMNS = [
  'id',
  'public_id',
  'title',
  'body_html',
  'author_name',
  'author_email',
  'locale',
  'memory_year',
  'event',
  'hashtags',
  'flag_reasons',
  'status',
  'previous_status',
  'pinned',
  'is_demo',
  'created_at',
  'updated_at',
  'withdrawn_at',
  'hidden_by_reports',
] as const satisfies readonly (keyof SouvenirRow)[];

function toQueueItem(row: Pick<SouvenirRow, (typeof QUEUE_COLUMNS)[number]>): QueueItem {
  return {
    targetType: 'souvenir',
    id: row.id,
    publicId: row.public_id,
    title: row.title,
    bodyHtml: row.body_html,
    authorName: row.author_name,
    authorEmail: row.author_email,
    locale: row.locale,
    memoryYear: row.memory_year,
    event: row.event,
    hashtags: row.hashtags,
    flagReasons: row.flag_reasons,
    status: row.status,
    previousStatus: row.previous_status,
    pinned: row.pinned,
    isDemo: row.is_demo,
    withdrawn: row.withdrawn_at !== null,
    hiddenByReports: row.hidden_by_reports,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    authorWebsite: null,
    souvenir: null,
    replyToName: null,
  };
}

/**
 * One page of the queue by keyset on (created_at, id): pending items oldest first, so what has
 * waited longest is read first; every other status newest first.
 */
export async function listQueue(db: Kysely<Database>, query: QueueQuery): Promise<QueuePage> {
  const limit = query.limit ?? QUEUE_PAGE_SIZE;
  if (query.targetType === 'comment') return listCommentQueue(db, query, limit);
  const ascending = query.status === 'pending';
  const direction = ascending ? 'asc' : 'desc';
  let select = db
    .selectFrom('souvenir')
    .select(QUEUE_COLUMNS)
    .where('status', '=', query.status)
    .orderBy('created_at', direction)
    .orderBy('id', direction)
    .limit(limit + 1);
  if (query.cursor) {
    const { at, id } = query.cursor;
    select = select.where(
      ascending ? sql<boolean>`(created_at, id) > (${at}, ${id})` : sql<boolean>`(created_at, id) < (${at}, ${id})`,
    );
  }
  const rows = await select.execute();
  const items = rows.slice(0, limit).map(toQueueItem);
  const last = items.at(-1);
  const next = rows.length > limit && last ? encodeKeysetCursor({ at: last.createdAt, id: last.id }) : null;
  return { items, next };
}

/** How many items each status holds, every status present (zero included), in one grouped query. */
export async function countByStatus(
  db: Kysely<Database>,
  targetType: QueueTarget = 'souvenir',
): Promise<Record<QueueStatus, number>> {
  if (targetType === 'comment') return countCommentsByStatus(db);
  const rows = await db
    .selectFrom('souvenir')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<QueueStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The souvenirs with these ids, as the queue shows them (in no particular order). */
export async function queueSouvenirsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<QueueItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('souvenir').select(QUEUE_COLUMNS).where('id', 'in', ids).execute();
  return rows.map(toQueueItem);
}

/** One item with the columns the edit page needs (the raw body as submitted), or null. */
export async function findQueueSouvenir(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom('souvenir')
    .select([...QUEUE_COLUMNS, 'body_raw'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? { ...toQueueItem(row), bodyRaw: row.body_raw } : null;
}
