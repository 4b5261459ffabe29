import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { sanitizeBodyWithText } from '../sanitize/sanitize.ts';
import { newPublicId, newToken, hashToken } from '../security/tokens.ts';
import { recordEvent } from '../moderation/audit.ts';
import { WALL_CHANNEL } from '../moderation/souvenir-decisions.ts';
import { extractHashtags } from './hashtags.ts';

export interface SouvenirSubmission {
  authorName: string;
  authorEmail: string;
  title: string | null;
  body: string;
  memoryYear: number | null;
  event: string | null;
  locale: string;
}

export interface SubmissionContext {
  ipHash: string | null;
  /** Status the discussion rules decided; a fresh souvenir waits for moderation. */
  status?: SouvenirStatus;
  flagReasons?: string[];
  isDemo?: boolean;
  now?: Date;
}

export interface CreatedSouvenir {
  id: number;
  publicId: string;
  status: SouvenirStatus;
  /** The author's private management token, shown once and stored only as a hash. */
  token: string;
}

/**
 * Stores a submitted souvenir with its audit row, in one transaction.
 * Throws `SanitizeError` (before any write) when the body cannot be sanitised.
 */
export async function createSouvenir(
  db: Kysely<Database>,
  submission: SouvenirSubmission,
  context: SubmissionContext,
): Promise<CreatedSouvenir> {
  const { html: bodyHtml, text } = sanitizeBodyWithText(submission.body);
  const hashtags = extractHashtags(text);
  const token = newToken();
  const now = context.now ?? new Date();
  const status = context.status ?? 'pending';

  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('souvenir')
      .values({
        public_id: newPublicId(),
        author_name: submission.authorName,
        author_email: submission.authorEmail,
        title: submission.title,
        body_raw: submission.body,
        body_html: bodyHtml,
        memory_year: submission.memoryYear,
        event: submission.event,
        hashtags,
        locale: submission.locale,
        status,
        flag_reasons: context.flagReasons ?? [],
        is_demo: context.isDemo ?? false,
        ip_hash: context.ipHash,
        token_hash: hashToken(token),
        consent_at: now,
        created_at: now,
        updated_at: now,
        approved_at: status === 'approved' ? now : null,
      })
      .returning(['id', 'public_id'])
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor: { id: null, label: context.isDemo ? 'demo' : 'public' },
      action: 'submit',
      targetType: 'souvenir',
      targetId: row.id,
      after: { status, flagReasons: context.flagReasons ?? [] },
    });
    // Approved at once (a known author): the wall changes like after a moderator's approval.
    if (status === 'approved') await sql`select pg_notify(${WALL_CHANNEL}, ${String(row.id)})`.execute(trx);
    return { id: row.id, publicId: row.public_id, status, token };
  });
}
