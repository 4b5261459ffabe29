import type { SouvenirRow } from '../../../db/types.ts';

/** What the public may see of a souvenir: never the email, IP hash or token hash. */
export interface PublicSouvenir {
  id: number;
  publicId: string;
  authorName: string;
  title: string | null;
  bodyHtml: string;
  memoryYear: number | null;
  event: string | null;
  hashtags: string[];
  locale: string;
  pinned: boolean;
  commentCount: number;
  candleCount: number;
  isDemo: boolean;
  approvedAt: Date | null;
  createdAt: Date;
}

export const PUBLIC_SOUVENIR_COLUMNS = [
  'id',
  'public_id',
  'author_name',
  'title',
  'body_html',
  'memory_year',
  'event',
  'hashtags',
  'locale',
  'pinned',
  'comment_count',
  'candle_count',
  'is_demo',
  'approved_at',
  'created_at',
] as const satisfies readonly (keyof SouvenirRow)[];

export type PublicSouvenirRow = Pick<SouvenirRow, (typeof PUBLIC_SOUVENIR_COLUMNS)[number]>;

export function toPublicSouvenir(row: PublicSouvenirRow): PublicSouvenir {
  return {
    id: row.id,
    publicId: row.public_id,
    authorName: row.author_name,
    title: row.title,
    bodyHtml: row.body_html,
    memoryYear: row.memory_year,
    event: row.event,
    hashtags: row.hashtags,
    locale: row.locale,
    pinned: row.pinned,
    commentCount: row.comment_count,
    candleCount: row.candle_count,
    isDemo: row.is_demo,
    approvedAt: row.approved_at,
    createdAt: row.created_at,
  };
}
