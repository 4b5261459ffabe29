import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_COMMENT_COLUMNS, toPublicComment } from './model.ts';
import type { PublicComment, PublicCommentRow } from './model.ts';

export interface CommentThread {
  /**
   * The top-level comment, or null when it is no longer published but some of its replies are:
   * the replies stay in its place under a "comment removed" line, and the count (approved
   * comments) still matches what the page shows.
   */
  comment: PublicComment | null;
  replies: PublicComment[];
}

/**
 * A souvenir's approved comments in order of publication, each reply under its parent: one
 * statement whatever the number of comments (commentRowsColumn, the column a souvenir's page
 * reads with its row).
 */
export async function listApprovedComments(db: Kysely<Database>, souvenirId: number): Promise<CommentThread[]> {
  const row = await db
    .selectFrom('souvenir')
    .select(commentRowsColumn('souvenir.id'))
    .where('id', '=', souvenirId)
    .executeTakeFirst();
  return row ? threadsOfJson(row.comment_rows) : [];
}

/** A comment as commentRowsColumn reads it, with the thread it sits in. */
type ThreadedRow = PublicCommentRow & { thread_id: number };

/** Rows sorted thread by thread (see commentRowsColumn), each reply under its parent. */
function inThreads(rows: readonly ThreadedRow[]): CommentThread[] {
  const threads: CommentThread[] = [];
  let thread: CommentThread | null = null;
  let threadId: number | null = null;
  for (const row of rows) {
    if (row.thread_id !== threadId) {
      thread = { comment: null, replies: [] };
      threads.push(thread);
      threadId = row.thread_id;
    }
    const comment = toPublicComment(row);
    if (comment.parentId === null) thread!.comment = comment;
    else thread!.replies.push(comment);
  }
  return threads;
}

/** A comment as JSON gives it: its times as text. */
export type CommentJsonRow = Omit<ThreadedRow, 'created_at' | 'approved_at'> & {
  created_at: string;
  approved_at: string | null;
};

/**
 * A souvenir's approved comments as one JSON column of its own row: the public columns
 * (PUBLIC_COMMENT_COLUMNS, never the email, IP hash or token) and the thread each sits in, sorted
 * thread by thread, a thread at its top-level comment's approval time (even while that comment is
 * in the bin, so its replies stay in place), replies after it. A souvenir's page reads its row,
 * photos, comments and the content version in one statement (issue 19). `souvenirId` is the
 * column it belongs to.
 */
export function commentRowsColumn(souvenirId: string) {
  const fields = sql.join(PUBLIC_COMMENT_COLUMNS.map((column) => sql`${sql.lit(column)}, ${sql.ref(`c.${column}`)}`));
  return sql<CommentJsonRow[]>`(
    select coalesce(json_agg(json_build_object(${fields}, 'thread_id', coalesce(c.parent_id, c.id))
      order by coalesce(p.approved_at, c.approved_at), coalesce(c.parent_id, c.id), c.parent_id is not null,
      c.approved_at, c.id), '[]'::json)
    from comment c left join comment p on p.id = c.parent_id
    where c.souvenir_id = ${sql.ref(souvenirId)} and c.status = 'approved' and c.hidden_by_reports = false
  )`.as('comment_rows');
}

/** The threads of a `comment_rows` column (commentRowsColumn). */
export function threadsOfJson(rows: readonly CommentJsonRow[]): CommentThread[] {
  return inThreads(
    rows.map((row) => ({
      ...row,
      created_at: new Date(row.created_at),
      approved_at: row.approved_at === null ? null : new Date(row.approved_at),
    })),
  );
}
