import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { hashToken, tokenMatches } from '../security/tokens.ts';
import { sanitizeBody } from '../sanitize/sanitize.ts';
import { recordEvent } from '../moderation/audit.ts';
import { evaluateSubmission } from '../rules/evaluate.ts';
import { eraseComment } from '../privacy/erase.ts';
import { AUTHOR_ACTOR, AuthorLinkError, TOKEN_SHAPE } from '../souvenirs/author-link.ts';

/** What a commenter sees behind their private link: their comment and where it stands. */
export interface AuthorComment {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  body: string;
  bodyHtml: string;
  createdAt: Date;
  withdrawn: boolean;
  /** The language the author wrote in, for the text's `lang`. */
  locale: string;
  /** Approved, but set aside by readers' reports until a moderator decides. */
  hiddenByReports: boolean;
  /** The souvenir it answers; `published` when the public can read it (and so the comment, once approved). */
  souvenir: { publicId: string; title: string | null; authorName: string; published: boolean };
  /** Whether it answers another comment. */
  isReply: boolean;
}

/** The comment a private link opens, or null for any token we did not issue. */
export async function findCommentByAuthorToken(db: Kysely<Database>, token: string): Promise<AuthorComment | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom('comment as c')
    .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
    .select([
      'c.id',
      'c.public_id',
      'c.status',
      'c.author_name',
      'c.body_raw',
      'c.body_html',
      'c.created_at',
      'c.withdrawn_at',
      'c.token_hash',
      'c.parent_id',
      'c.locale',
      'c.hidden_by_reports',
      's.public_id as souvenir_public_id',
      's.title as souvenir_title',
      's.author_name as souvenir_author_name',
      's.status as souvenir_status',
      's.hidden_by_reports as souvenir_hidden',
    ])
    .where('c.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  // The index finds the row by hash; the constant-time comparison keeps the check itself timing-safe.
  if (!row?.token_hash || !tokenMatches(token, row.token_hash)) return null;
  return {
    id: row.id,
    publicId: row.public_id,
    status: row.status,
    authorName: row.author_name,
    body: row.body_raw,
    bodyHtml: row.body_html,
    createdAt: row.created_at,
    withdrawn: row.withdrawn_at !== null,
    locale: row.locale,
    hiddenByReports: row.hidden_by_reports,
    souvenir: {
      publicId: row.souvenir_public_id,
      title: row.souvenir_title,
      authorName: row.souvenir_author_name,
      published: row.souvenir_status === 'approved' && !row.souvenir_hidden,
    },
    isReply: row.parent_id !== null,
  };
}

/**
 * The commenter corrects their comment while it awaits moderation: re-sanitised and re-checked
 * by the discussion rules (see `editPendingByAuthor`). Returns the status it now has.
 * Throws AuthorLinkError or SanitizeError, before any write.
 */
export async function editPendingCommentByAuthor(
  db: Kysely<Database>,
  token: string,
  body: string,
  now = new Date(),
): Promise<SouvenirStatus> {
  const current = await findCommentByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) throw new AuthorLinkError('withdrawn');
  if (current.status !== 'pending') throw new AuthorLinkError('not_pending');
  const bodyHtml = sanitizeBody(body);
  const author = await db
    .selectFrom('comment')
    .select(['author_name', 'author_email', 'author_website', 'souvenir_id', 'parent_id'])
    .where('id', '=', current.id)
    .executeTakeFirstOrThrow();
  const verdict = await evaluateSubmission(
    db,
    {
      kind: 'comment',
      name: author.author_name,
      email: author.author_email,
      website: author.author_website,
      body,
      ipHash: null,
      souvenirId: author.souvenir_id,
      parentId: author.parent_id,
      now,
    },
    { recheck: true },
  );
  const status = verdict.outcome === 'spam' ? 'spam' : 'pending';
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('comment')
      .set({
        body_raw: body,
        body_html: bodyHtml,
        status,
        previous_status: status === 'spam' ? 'pending' : null,
        flag_reasons: verdict.reasons,
        updated_at: now,
      })
      .where('id', '=', current.id)
      .where('status', '=', 'pending')
      .where('withdrawn_at', 'is', null)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AuthorLinkError('not_pending');
    await recordEvent(trx, {
      actor: AUTHOR_ACTOR,
      action: 'author_edit',
      targetType: 'comment',
      targetId: current.id,
      before: { status: 'pending' },
      after: { status, flagReasons: verdict.reasons },
    });
  });
  return status;
}

/**
 * Withdraws a comment for good, whatever its status: erased as `eraseComment` says (text, name,
 * email and website gone; replies kept under "comment removed"; the souvenir's count fixed).
 */
export async function withdrawCommentByAuthor(db: Kysely<Database>, token: string, now = new Date()): Promise<void> {
  const current = await findCommentByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) return;
  await db.transaction().execute((trx) => eraseComment(trx, current.id, { actor: AUTHOR_ACTOR, action: 'withdraw', now }));
}
