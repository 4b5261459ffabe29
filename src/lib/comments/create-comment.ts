import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeContributionBody } from '../sanitize/sanitize.ts';
import { DomainError } from '../errors.ts';
import { findShownId } from '../contributions/public.ts';
import { insertContribution } from '../contributions/submit.ts';
import type { ContributionDraft, SubmissionContext, Submitted } from '../contributions/submit.ts';
import { adjustCommentCount } from './comment-count.ts';
import { normaliseWebsite } from './website.ts';

/** Longest comment, in characters (the souvenir form allows 10 000). */
export const MAX_COMMENT_LENGTH = 5_000;

export type CommentErrorCode = 'souvenir_closed' | 'parent_invalid' | 'website_invalid';

/** A comment that cannot be written where it was aimed; nothing is stored. */
export class CommentError extends DomainError<CommentErrorCode> {
  constructor(code: CommentErrorCode) {
    super('CommentError', 'comment refused', code);
  }
}

export interface CommentTarget {
  souvenirId: number;
  /** The top-level comment answered, or null. */
  parentId: number | null;
}

/**
 * The souvenir (approved, by public id) and the comment answered (an approved top-level comment
 * of that souvenir, by public id) a form aims at. Throws CommentError otherwise.
 */
export async function resolveCommentTarget(
  db: Kysely<Database>,
  souvenirPublicId: string,
  parentPublicId: string | null,
): Promise<CommentTarget> {
  const souvenirId = await findShownId(db, 'souvenir', souvenirPublicId);
  if (souvenirId === null) throw new CommentError('souvenir_closed');
  if (parentPublicId === null) return { souvenirId, parentId: null };
  const parent = await db
    .selectFrom('comment')
    .select('id')
    .where('public_id', '=', parentPublicId)
    .where('souvenir_id', '=', souvenirId)
    .where('parent_id', 'is', null)
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .executeTakeFirst();
  if (!parent) throw new CommentError('parent_invalid');
  return { souvenirId, parentId: parent.id };
}

export interface CommentSubmission extends CommentTarget, ContributionDraft {
  authorWebsite: string | null;
}

/** What the discussion rules decided; a fresh comment waits for moderation. */
export type CommentContext = Omit<SubmissionContext, 'isDemo'>;

/** Re-checked inside the transaction that writes the comment, so a decision made meanwhile is seen. */
async function checkTarget(trx: Transaction<Database>, target: CommentTarget): Promise<void> {
  const souvenir = await trx
    .selectFrom('souvenir')
    .select(['status', 'withdrawn_at', 'hidden_by_reports'])
    .where('id', '=', target.souvenirId)
    .executeTakeFirst();
  if (!souvenir || souvenir.status !== 'approved' || souvenir.hidden_by_reports || souvenir.withdrawn_at !== null) {
    throw new CommentError('souvenir_closed');
  }
  if (target.parentId === null) return;
  const parent = await trx
    .selectFrom('comment')
    .select(['souvenir_id', 'parent_id', 'status', 'hidden_by_reports'])
    .where('id', '=', target.parentId)
    .executeTakeFirst();
  // One level of replies only: the parent is itself a top-level comment of the same souvenir.
  if (
    !parent ||
    parent.souvenir_id !== target.souvenirId ||
    parent.parent_id !== null ||
    parent.status !== 'approved' ||
    parent.hidden_by_reports
  ) {
    throw new CommentError('parent_invalid');
  }
}

/**
 * Stores a comment on an approved souvenir with its audit row, in one transaction; when the rules
 * approved it at once, the souvenir's comment count moves in the same transaction.
 * Throws CommentError (aimed at a souvenir or parent it cannot answer, or a website that is not
 * http/https) or SanitizeError, before any write.
 */
export async function createComment(
  db: Kysely<Database>,
  submission: CommentSubmission,
  context: CommentContext,
): Promise<Submitted> {
  const website = submission.authorWebsite === null ? null : normaliseWebsite(submission.authorWebsite);
  if (submission.authorWebsite !== null && website === null) throw new CommentError('website_invalid');
  const bodyHtml = sanitizeContributionBody(submission.body).html;

  return db.transaction().execute(async (trx) => {
    await checkTarget(trx, submission);
    const own = { souvenir_id: submission.souvenirId, parent_id: submission.parentId, author_website: website };
    const created = await insertContribution(trx, 'comment', { ...submission, bodyHtml }, own, context);
    if (created.status === 'approved') await adjustCommentCount(trx, submission.souvenirId, 1);
    return created;
  });
}
