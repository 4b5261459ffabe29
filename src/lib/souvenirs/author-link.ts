import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { hashToken, tokenMatches } from '../security/tokens.ts';
import { sanitizeBody, toPlainText } from '../sanitize/sanitize.ts';
import { recordEvent } from '../moderation/audit.ts';
import { evaluateSubmission } from '../rules/evaluate.ts';
import { eraseSouvenir } from '../privacy/erase.ts';
import { extractHashtags } from './hashtags.ts';

/** What the author sees behind their private link. */
export interface AuthorSouvenir {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  authorName: string;
  title: string | null;
  body: string;
  bodyHtml: string;
  memoryYear: number | null;
  event: string | null;
  createdAt: Date;
  withdrawn: boolean;
  /** The language the author wrote in, for the text's `lang`. */
  locale: string;
  /** Approved, but set aside by readers' reports until a moderator decides. */
  hiddenByReports: boolean;
}

export type AuthorLinkErrorCode = 'not_found' | 'not_pending' | 'withdrawn';

export class AuthorLinkError extends Error {
  readonly code: AuthorLinkErrorCode;
  constructor(code: AuthorLinkErrorCode) {
    super(`author link: ${code}`);
    this.name = 'AuthorLinkError';
    this.code = code;
  }
}

/** What `newToken()` issues: 24 random bytes in base64url. */
export const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;
/** Who acts through a private link, as the journal shows it. */
export const AUTHOR_ACTOR = { id: null, label: 'author' } as const;

/** The souvenir a private link opens, or null for any token we did not issue. */
export async function findByAuthorToken(db: Kysely<Database>, token: string): Promise<AuthorSouvenir | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom('souvenir')
    .select(['id', 'public_id', 'status', 'author_name', 'title', 'body_raw', 'body_html', 'memory_year', 'event', 'created_at', 'withdrawn_at', 'token_hash', 'locale', 'hidden_by_reports'])
    .where('token_hash', '=', hashToken(token))
    .executeTakeFirst();
  // The index finds the row by hash; the constant-time comparison keeps the check itself timing-safe.
  if (!row || !tokenMatches(token, row.token_hash)) return null;
  return {
    id: row.id,
    publicId: row.public_id,
    status: row.status,
    authorName: row.author_name,
    title: row.title,
    body: row.body_raw,
    bodyHtml: row.body_html,
    memoryYear: row.memory_year,
    event: row.event,
    createdAt: row.created_at,
    withdrawn: row.withdrawn_at !== null,
    locale: row.locale,
    hiddenByReports: row.hidden_by_reports,
  };
}

export interface AuthorEdit {
  title: string | null;
  body: string;
  memoryYear: number | null;
  event: string | null;
}

/**
 * The author corrects their souvenir while it still awaits moderation: re-sanitised, and
 * re-checked by the discussion rules as a new submission would be (a disallowed word sends it to
 * spam, a moderation word or too many links flags it for the moderators; an edit never publishes).
 * Returns the status it now has. Throws AuthorLinkError or SanitizeError, before any write.
 */
export async function editPendingByAuthor(
  db: Kysely<Database>,
  token: string,
  edit: AuthorEdit,
  now = new Date(),
): Promise<SouvenirStatus> {
  const current = await findByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) throw new AuthorLinkError('withdrawn');
  if (current.status !== 'pending') throw new AuthorLinkError('not_pending');
  const bodyHtml = sanitizeBody(edit.body);
  const author = await db
    .selectFrom('souvenir')
    .select(['author_name', 'author_email'])
    .where('id', '=', current.id)
    .executeTakeFirstOrThrow();
  const verdict = await evaluateSubmission(
    db,
    {
      kind: 'souvenir',
      name: author.author_name,
      email: author.author_email,
      website: null,
      body: edit.body,
      otherFields: [edit.title, edit.event],
      ipHash: null,
      now,
    },
    { recheck: true },
  );
  const status = verdict.outcome === 'spam' ? 'spam' : 'pending';
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('souvenir')
      .set({
        title: edit.title,
        body_raw: edit.body,
        body_html: bodyHtml,
        hashtags: extractHashtags(toPlainText(bodyHtml)),
        memory_year: edit.memoryYear,
        event: edit.event,
        status,
        // Spam is a bin: a moderator's "restore" puts it back in the queue.
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
      targetType: 'souvenir',
      targetId: current.id,
      before: { status: 'pending' },
      after: { status, flagReasons: verdict.reasons },
    });
  });
  return status;
}

/**
 * Withdraws a souvenir for good, whatever its status: erased as `eraseSouvenir` says (text,
 * name and email gone, also from earlier audit rows; a tombstone event stays; the wall's counts
 * follow and the wall is told).
 */
export async function withdrawByAuthor(db: Kysely<Database>, token: string, now = new Date()): Promise<void> {
  const current = await findByAuthorToken(db, token);
  if (!current) throw new AuthorLinkError('not_found');
  if (current.withdrawn) return;
  await db.transaction().execute((trx) => eraseSouvenir(trx, current.id, { actor: AUTHOR_ACTOR, action: 'withdraw', now }));
}
