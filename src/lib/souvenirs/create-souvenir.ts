import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database, SouvenirStatus } from '../../../db/types.ts';
import { sanitizeBodyWithText } from '../sanitize/sanitize.ts';
import { newPublicId, newToken, hashToken } from '../security/tokens.ts';
import { auditColumns } from '../moderation/audit.ts';
import { WALL_CHANNEL } from '../moderation/decisions.ts';
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
 * Stores a submitted souvenir with its audit row, in one statement.
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

  const publicId = newPublicId();
  const created = await db
    .with('created', (qb) =>
      qb
        .insertInto('souvenir')
        .values({
          public_id: publicId,
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
        .returning('id'),
    )
    .insertInto('moderation_event')
    .columns(['actor_id', 'actor_label', 'action', 'target_type', 'reason', 'before', 'after', 'target_id'])
    .expression((eb) =>
      eb
        .selectFrom('created')
        .select([
          ...auditColumns({
            actor: { id: null, label: context.isDemo ? 'demo' : 'public' },
            action: 'submit',
            targetType: 'souvenir',
            after: { status, flagReasons: context.flagReasons ?? [] },
          }),
          'created.id as target_id',
        ]),
    )
    .returning('target_id')
    .executeTakeFirstOrThrow();
  // Approved at once (a known author): the wall changes as after a moderator's approval. Told
  // once the row is committed, so a listener that reads it on the notification finds it.
  if (status === 'approved') await sql`select pg_notify(${WALL_CHANNEL}, ${String(created.target_id)})`.execute(db);
  return { id: created.target_id, publicId, status, token };
}
