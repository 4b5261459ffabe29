import { sql } from 'kysely';
import type { InferResult, Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { keyset, keysetPage } from '../pagination/keyset.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';
import type { KeysetPage } from '../pagination/keyset.ts';
import { CONTRIBUTION_STATUSES, contributionsOf } from './kinds.ts';
import type { ContributionKind, ContributionStatus } from './kinds.ts';
import { filtered } from './queue-filter.ts';
import type { Narrowing, QueueFilter } from './queue-filter.ts';

export type { QueueFilter };

export const QUEUE_PAGE_SIZE = 25;

/** What a moderator sees of any item: everything the public pages show, plus the author's email. */
interface QueueItemBase {
  id: number;
  publicId: string;
  /** Sanitised on write, shown exactly as the public page would show it. */
  bodyHtml: string;
  authorName: string;
  /** Moderators only: never render this outside /moderation. */
  authorEmail: string;
  locale: string;
  flagReasons: string[];
  status: ContributionStatus;
  /** For spam and trash: where `restore` puts it back. */
  previousStatus: ContributionStatus | null;
  /** Erased by its author: shown as a tombstone, no decision applies. */
  withdrawn: boolean;
  /** Approved but off the public pages: enough visitors reported it (see /moderation/signalements). */
  hiddenByReports: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface SouvenirQueueItem extends QueueItemBase {
  targetType: 'souvenir';
  title: string | null;
  memoryYear: number | null;
  event: string | null;
  hashtags: string[];
  pinned: boolean;
  isDemo: boolean;
  /** A souvenir answers nothing; declared absent so `item.souvenir?.publicId` reads any item. */
  souvenir?: never;
}

export interface CommentQueueItem extends QueueItemBase {
  targetType: 'comment';
  /** Comments are never pinned (`allowedDecisions` reads null as "cannot be pinned"). */
  pinned: null;
  authorWebsite: string | null;
  /** The souvenir it answers; `published` false when it is not on the wall (the comment cannot be approved). */
  souvenir: { publicId: string; title: string | null; authorName: string; published?: boolean };
  /** Who the reply answers, for a reply. */
  replyToName: string | null;
}

/** A queue item, told apart by its kind (`targetType`, the name reports and the journal use). */
export type QueueItem = SouvenirQueueItem | CommentQueueItem;
export type QueueItemOf<K extends ContributionKind> = Extract<QueueItem, { targetType: K }>;

/** An item with the text as its author typed it, for the moderator's edit page. */
export type EditableQueueItem<K extends ContributionKind> = QueueItemOf<K> & { bodyRaw: string };

/** The columns every kind's card shows, read from the item itself (aliased `c` in each query). */
const SHARED_COLUMNS = [
  'c.id',
  'c.public_id',
  'c.body_html',
  'c.body_raw',
  'c.author_name',
  'c.author_email',
  'c.locale',
  'c.flag_reasons',
  'c.status',
  'c.previous_status',
  'c.created_at',
  'c.updated_at',
  'c.withdrawn_at',
  'c.hidden_by_reports',
] as const;

function selectSouvenirs(db: Kysely<Database>) {
  return db
    .selectFrom('souvenir as c')
    .select([...SHARED_COLUMNS, 'c.title', 'c.memory_year', 'c.event', 'c.hashtags', 'c.pinned', 'c.is_demo']);
}

/** Each comment with its souvenir's title and the name of the comment it answers, in the same query. */
function selectComments(db: Kysely<Database>) {
  return db
    .selectFrom('comment as c')
    .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
    .leftJoin('comment as p', 'p.id', 'c.parent_id')
    .select([
      ...SHARED_COLUMNS,
      'c.author_website',
      's.public_id as souvenir_public_id',
      's.title as souvenir_title',
      's.author_name as souvenir_author_name',
      's.status as souvenir_status',
      'p.author_name as parent_author_name',
    ]);
}

type SouvenirQueueRow = InferResult<ReturnType<typeof selectSouvenirs>>[number];
type SharedRow = Omit<SouvenirQueueRow, 'title' | 'memory_year' | 'event' | 'hashtags' | 'pinned' | 'is_demo'>;

function sharedFields(row: SharedRow) {
  return {
    id: row.id,
    publicId: row.public_id,
    bodyHtml: row.body_html,
    bodyRaw: row.body_raw,
    authorName: row.author_name,
    authorEmail: row.author_email,
    locale: row.locale,
    flagReasons: row.flag_reasons,
    status: row.status,
    previousStatus: row.previous_status,
    withdrawn: row.withdrawn_at !== null,
    hiddenByReports: row.hidden_by_reports,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSouvenirItem(row: SouvenirQueueRow): EditableQueueItem<'souvenir'> {
  return {
    targetType: 'souvenir',
    ...sharedFields(row),
    title: row.title,
    memoryYear: row.memory_year,
    event: row.event,
    hashtags: row.hashtags,
    pinned: row.pinned,
    isDemo: row.is_demo,
  };
}

function toCommentItem(row: InferResult<ReturnType<typeof selectComments>>[number]): EditableQueueItem<'comment'> {
  return {
    targetType: 'comment',
    ...sharedFields(row),
    pinned: null,
    authorWebsite: row.author_website,
    souvenir: {
      publicId: row.souvenir_public_id,
      title: row.souvenir_title,
      authorName: row.souvenir_author_name,
      published: row.souvenir_status === 'approved',
    },
    replyToName: row.parent_author_name,
  };
}

/**
 * Each kind's rows, narrowed, as the queue shows them. They carry the raw text for the edit page;
 * the cards never render it.
 */
const READERS: {
  [K in ContributionKind]: (db: Kysely<Database>, narrow: Narrowing) => Promise<EditableQueueItem<K>[]>;
} = {
  souvenir: async (db, narrow) => (await selectSouvenirs(db).$call(narrow).execute()).map(toSouvenirItem),
  comment: async (db, narrow) => (await selectComments(db).$call(narrow).execute()).map(toCommentItem),
};

const withIds =
  (ids: readonly number[]): Narrowing =>
  (query) =>
    query.where(sql<boolean>`${sql.ref('c.id')} in (${sql.join(ids)})`);

export interface QueueQuery<K extends ContributionKind = ContributionKind> {
  status: ContributionStatus;
  cursor?: KeysetCursor | null;
  limit?: number;
  /** Souvenirs when absent. */
  targetType?: K;
  filter?: QueueFilter;
}

export type QueuePage<K extends ContributionKind = ContributionKind> = KeysetPage<QueueItemOf<K>>;

/**
 * One page of one kind's queue by keyset on (created_at, id): pending items oldest first, so
 * what has waited longest is read first; every other status newest first; narrowed by `filter`.
 */
export async function listQueue<K extends ContributionKind = 'souvenir'>(
  db: Kysely<Database>,
  query: QueueQuery<K>,
): Promise<QueuePage<K>> {
  // K defaults to 'souvenir' exactly when targetType is absent.
  const kind = (query.targetType ?? 'souvenir') as K;
  const limit = query.limit ?? QUEUE_PAGE_SIZE;
  const direction = query.status === 'pending' ? 'asc' : 'desc';
  const rows = await READERS[kind](db, (select) =>
    select
      .where(sql<boolean>`${sql.ref('c.status')} = ${query.status}`)
      .$call(filtered(kind, query.filter))
      .$call(keyset({ at: 'c.created_at', id: 'c.id', direction, cursor: query.cursor, limit })),
  );
  return keysetPage<QueueItemOf<K>>(rows, limit, (item) => ({ at: item.createdAt, id: item.id }));
}

/** How many items of a kind each status holds, every status present (zero included), in one grouped query. */
export async function countByStatus(
  db: Kysely<Database>,
  kind: ContributionKind = 'souvenir',
): Promise<Record<ContributionStatus, number>> {
  const rows = await contributionsOf(db)
    .selectFrom(kind)
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .groupBy('status')
    .execute();
  const counts = Object.fromEntries(CONTRIBUTION_STATUSES.map((s) => [s, 0])) as Record<ContributionStatus, number>;
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The items of a kind with these ids, as the queue shows them (in no particular order). */
export async function queueItemsByIds<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  ids: readonly number[],
): Promise<QueueItemOf<K>[]> {
  if (ids.length === 0) return [];
  return READERS[kind](db, withIds(ids));
}

/** One item with the raw text the edit page needs, or null. */
export async function findQueueItem<K extends ContributionKind>(
  db: Kysely<Database>,
  kind: K,
  id: number,
): Promise<EditableQueueItem<K> | null> {
  const [item] = await READERS[kind](db, withIds([id]));
  return item ?? null;
}
