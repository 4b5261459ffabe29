import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { encodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import { QUEUE_STATUSES } from './targets.ts';
import type { QueueStatus } from './targets.ts';
import type { QueueItem, QueuePage, QueueQuery } from './queue.ts';

function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comment as c')
    .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
    .leftJoin('comment as p', 'p.id', 'c.parent_id')
    .select([
      'c.id',
      'c.public_id',
      'c.body_html',
      'c.body_raw',
      'c.author_name',
      'c.author_email',
      'c.author_website',
      'c.locale',
      'c.flag_reasons',
      'c.status',
      'c.previous_status',
      'c.created_at',
      'c.updated_at',
      'c.hidden_by_reports',
      'c.withdrawn_at',
      's.public_id as souvenir_public_id',
      's.title as souvenir_title',
      's.author_name as souvenir_author_name',
      'p.author_name as parent_author_name',
    ]);
}

type CommentQueueRow = Awaited<ReturnType<ReturnType<typeof selectComments>['execute']>>[number];

function toQueueItem(row: CommentQueueRow): QueueItem {
  return {
    targetType: 'comment',
    id: row.id,
    publicId: row.public_id,
    title: null,
    bodyHtml: row.body_html,
    authorName: row.author_name,
    authorEmail: row.author_email,
    authorWebsite: row.author_website,
    locale: row.locale,
    memoryYear: null,
    event: null,
    hashtags: [],
    flagReasons: row.flag_reasons,
    status: row.status,
    previousStatus: row.previous_status,
    pinned: null,
    isDemo: false,
    withdrawn: row.withdrawn_at !== null,
    hiddenByReports: row.hidden_by_reports,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    souvenir: { publicId: row.souvenir_public_id, title: row.souvenir_title, authorName: row.souvenir_author_name },
    replyToName: row.parent_author_name,
  };
}

/**
 * One page of comments in the queue, with the same keyset order as souvenirs; each comment
 * carries its souvenir's title (and the name of the comment it answers), read in the same query.
 */
export async function listCommentQueue(db: Kysely<Database>, query: QueueQuery, limit: number): Promise<QueuePage> {
  const ascending = query.status === 'pending';
  const direction = ascending ? 'asc' : 'desc';
  let select = selectComments(db)
    .where('c.status', '=', query.status)
    .orderBy('c.created_at', direction)
    .orderBy('c.id', direction)
    .limit(limit + 1);
  if (query.cursor) {
    const { at, id } = query.cursor;
    select = select.where(
      ascending ? sql<boolean>`(c.created_at, c.id) > (${at}, ${id})` : sql<boolean>`(c.created_at, c.id) < (${at}, ${id})`,
    );
  }
  const rows = await select.execute();
  const items = rows.slice(0, limit).map(toQueueItem);
  const last = items.at(-1);
  const next = rows.length > limit && last ? encodeKeysetCursor({ at: last.createdAt, id: last.id }) : null;
  return { items, next };
}

/** How many comments each status holds, every status present (zero included), in one grouped query. */
export async function countCommentsByStatus(db: Kysely<Database>): Promise<Record<QueueStatus, number>> {
  const rows = await db
    .selectFrom('comment')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(QUEUE_STATUSES.map((s) => [s, 0])) as Record<QueueStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The comments with these ids, as the queue shows them (in no particular order). */
export async function queueCommentsByIds(db: Kysely<Database>, ids: readonly number[]): Promise<QueueItem[]> {
  if (ids.length === 0) return [];
  return (await selectComments(db).where('c.id', 'in', ids).execute()).map(toQueueItem);
}

/** One comment with the raw text the edit page needs, or null. */
export async function findQueueComment(db: Kysely<Database>, id: number) {
  const row = await selectComments(db).where('c.id', '=', id).executeTakeFirst();
  return row ? { ...toQueueItem(row), bodyRaw: row.body_raw } : null;
}
