import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { toPublicComment } from './model.ts';
import { contentVersionColumn } from '../wall/content-version.ts';
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
 * A souvenir's approved comments in order of publication, each reply under its parent.
 * One query whatever the number of comments: rows come sorted thread by thread (a thread sits
 * at its top-level comment's approval time, even while that comment is in the bin).
 */
export async function listApprovedComments(db: Kysely<Database>, souvenirId: number): Promise<CommentThread[]> {
  return (await approvedCommentsWithVersion(db, souvenirId)).threads;
}

/**
 * The same, with the content version (wall/content-version.ts) read in the same statement, or
 * null when there is no comment: a souvenir's page reads nothing after its comments, so that
 * version is the one of the whole page, without a round trip of its own (issue 19).
 */
export async function approvedCommentsWithVersion(
  db: Kysely<Database>,
  souvenirId: number,
): Promise<{ threads: CommentThread[]; version: string | null }> {
  const rows = await db
    .selectFrom('comment as c')
    .leftJoin('comment as p', 'p.id', 'c.parent_id')
    .select([
      'c.id',
      'c.public_id',
      'c.parent_id',
      'c.author_name',
      'c.author_website',
      'c.body_html',
      'c.locale',
      'c.created_at',
      'c.approved_at',
      sql<number>`coalesce(c.parent_id, c.id)`.as('thread_id'),
      contentVersionColumn(),
    ])
    .where('c.souvenir_id', '=', souvenirId)
    .where('c.status', '=', 'approved')
    .where('c.hidden_by_reports', '=', false)
    .orderBy(sql`coalesce(p.approved_at, c.approved_at)`)
    .orderBy(sql`coalesce(c.parent_id, c.id)`)
    .orderBy(sql`c.parent_id is not null`)
    .orderBy('c.approved_at')
    .orderBy('c.id')
    .execute();

  return { threads: inThreads(rows), version: rows[0]?.content_version ?? null };
}

/** A comment as approvedCommentsWithVersion and commentRowsColumn read it, with the thread it sits in. */
type ThreadedRow = PublicCommentRow & { thread_id: number };

/** Rows sorted thread by thread (see approvedCommentsWithVersion), each reply under its parent. */
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
 * A souvenir's approved comments as one JSON column of its own row, sorted as
 * approvedCommentsWithVersion sorts them: a souvenir's page reads its row, photos, comments and
 * the content version in one statement (issue 19). `souvenirId` is the column it belongs to.
 */
export function commentRowsColumn(souvenirId: string) {
  return sql<CommentJsonRow[]>`(
    select coalesce(json_agg(json_build_object(
      'id', c.id, 'public_id', c.public_id, 'parent_id', c.parent_id, 'author_name', c.author_name,
      'author_website', c.author_website, 'body_html', c.body_html, 'locale', c.locale,
      'created_at', c.created_at, 'approved_at', c.approved_at, 'thread_id', coalesce(c.parent_id, c.id)
    ) order by coalesce(p.approved_at, c.approved_at), coalesce(c.parent_id, c.id), c.parent_id is not null,
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
