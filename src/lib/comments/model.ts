import type { CommentRow } from '../../../db/types.ts';

/** What the public may see of a comment: never the email, IP hash or token hash. */
export interface PublicComment {
  id: number;
  publicId: string;
  parentId: number | null;
  authorName: string;
  /** http(s) only; shown as a `rel="nofollow ugc"` link on the name. */
  authorWebsite: string | null;
  bodyHtml: string;
  locale: string;
  createdAt: Date;
  approvedAt: Date | null;
}

export const PUBLIC_COMMENT_COLUMNS = [
  'id',
  'public_id',
  'parent_id',
  'author_name',
  'author_website',
  'body_html',
  'locale',
  'created_at',
  'approved_at',
] as const satisfies readonly (keyof CommentRow)[];

export type PublicCommentRow = Pick<CommentRow, (typeof PUBLIC_COMMENT_COLUMNS)[number]>;

export function toPublicComment(row: PublicCommentRow): PublicComment {
  return {
    id: row.id,
    publicId: row.public_id,
    parentId: row.parent_id,
    authorName: row.author_name,
    authorWebsite: row.author_website,
    bodyHtml: row.body_html,
    locale: row.locale,
    createdAt: row.created_at,
    approvedAt: row.approved_at,
  };
}
