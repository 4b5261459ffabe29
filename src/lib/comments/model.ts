import type { CommentRow } from '../../../db/types.ts';
import { camelised, PUBLIC_CONTRIBUTION_COLUMNS } from '../contributions/public.ts';
import type { PublicContribution } from '../contributions/public.ts';

export const PUBLIC_COMMENT_COLUMNS = [
  ...PUBLIC_CONTRIBUTION_COLUMNS,
  'parent_id',
  'author_website',
] as const satisfies readonly (keyof CommentRow)[];

export type PublicCommentRow = Pick<CommentRow, (typeof PUBLIC_COMMENT_COLUMNS)[number]>;

/** What the public may see of a comment: never the email, IP hash or token hash. */
export interface PublicComment extends PublicContribution {
  parentId: number | null;
  /** http(s) only; shown as a `rel="nofollow ugc"` link on the name. */
  authorWebsite: string | null;
}

export const toPublicComment = (row: PublicCommentRow): PublicComment => camelised(row, PUBLIC_COMMENT_COLUMNS);
