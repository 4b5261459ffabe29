import type { Kysely, Transaction } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { sanitizeBody } from '../sanitize/sanitize.ts';
import { newPublicId, newToken, hashToken } from '../security/tokens.ts';
import { recordEvent } from '../moderation/audit.ts';
import { adjustCommentCount } from './comment-count.ts';
import { normaliseWebsite } from './website.ts';

/** Longest comment, in characters (the souvenir form allows 10 000). */
export const MAX_COMMENT_LENGTH = 5_000;

export type CommentErrorCode = 'souvenir_closed' | 'parent_invalid' | 'website_invalid';

/** A comment that cannot be written where it was aimed; nothing is stored. */
export class CommentError extends Error {
  readonly code: CommentErrorCode;
  constructor(code: CommentErrorCode) {
    super(`comment refused: ${code}`);
    this.name = 'CommentError';
    this.code = code;
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
  const souvenir = await db
    .selectFrom('souvenir')
    .select('id')
    .where('public_id', '=', souvenirPublicId)
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  if (!souvenir) throw new CommentError('souvenir_closed');
  if (parentPublicId === null) return { souvenirId: souvenir.id, parentId: null };
  const parent = await db
    .selectFrom('comment')
    .select('id')
    .where('public_id', '=', parentPublicId)
    .where('souvenir_id', '=', souvenir.id)
    .where('parent_id', 'is', null)
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .executeTakeFirst();
  if (!parent) throw new CommentError('parent_invalid');
  return { souvenirId: souvenir.id, parentId: parent.id };
}

export interface CommentSubmission extends CommentTarget {
  authorName: string;
  authorEmail: string;
  authorWebsite: string | null;
  body: string;
  locale: string;
}

export interface CommentContext {
  ipHash: string | null;
  /** What the discussion rules decided; a fresh comment waits for moderation. */
  status?: SouvenirStatus;
  flagReasons?: string[];
  now?: Date;
}

export interface CreatedComment {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  /** The commenter's private link token (`/mes-souvenirs/<token>`), shown once and stored only as a hash. */
  token: string;
}

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
  if (!parent || parent.souvenir_id !== target.souvenirId || parent.parent_id !== null || parent.status !== 'approved' || parent.hidden_by_reports) {
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
): Promise<CreatedComment> {
  const website = submission.authorWebsite === null ? null : normaliseWebsite(submission.authorWebsite);
  if (submission.authorWebsite !== null && website === null) throw new CommentError('website_invalid');
  const bodyHtml = sanitizeBody(submission.body);
  const token = newToken();
  const now = context.now ?? new Date();
  const status = context.status ?? 'pending';

  return db.transaction().execute(async (trx) => {
    await checkTarget(trx, submission);
    const row = await trx
      .insertInto('comment')
      .values({
        public_id: newPublicId(),
        souvenir_id: submission.souvenirId,
        parent_id: submission.parentId,
        author_name: submission.authorName,
        author_email: submission.authorEmail,
        author_website: website,
        body_raw: submission.body,
        body_html: bodyHtml,
        status,
        flag_reasons: context.flagReasons ?? [],
        ip_hash: context.ipHash,
        token_hash: hashToken(token),
        locale: submission.locale,
        created_at: now,
        updated_at: now,
        approved_at: status === 'approved' ? now : null,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor: { id: null, label: 'public' },
      action: 'submit',
      targetType: 'comment',
      targetId: row.id,
      after: { status, flagReasons: context.flagReasons ?? [] },
    });
    if (status === 'approved') await adjustCommentCount(trx, submission.souvenirId, 1);
    return { id: row.id, publicId: row.public_id, status, token };
  });
}
