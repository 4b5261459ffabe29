import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeBody, toPlainText } from '../sanitize/sanitize.ts';
import { extractHashtags } from '../souvenirs/hashtags.ts';
import { recordEvent } from './audit.ts';
import type { Actor } from './audit.ts';
import { DecisionError, WALL_CHANNEL } from './souvenir-decisions.ts';

export interface EditRequest {
  id: number;
  actor: Actor;
  title: string | null;
  /** The new text as typed; sanitised here exactly as a submission is. */
  body: string;
  /** When the moderator opened the edit form; a later change by anyone is reported as a conflict. */
  expectedUpdatedAt?: Date | null;
  reason?: string | null;
  now?: Date;
}

export interface EditResult {
  /** False when title and text were already exactly these: nothing written, nothing logged. */
  changed: boolean;
  updatedAt: Date;
  bodyHtml: string;
}

/**
 * A moderator's correction of a souvenir's title or text: re-sanitised, hashtags extracted again,
 * with an `edit` audit row holding the text before and after, in one transaction.
 * Throws SanitizeError (before any write) or DecisionError (not_found, conflict, not_allowed when withdrawn).
 */
export async function editSouvenir(db: Kysely<Database>, request: EditRequest): Promise<EditResult> {
  const bodyHtml = sanitizeBody(request.body);
  const hashtags = extractHashtags(toPlainText(bodyHtml));
  const now = request.now ?? new Date();

  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('souvenir')
      .select(['status', 'title', 'body_raw', 'hashtags', 'updated_at', 'withdrawn_at'])
      .where('id', '=', request.id)
      // Holds the row until commit on PostgreSQL, so two edits cannot both pass the check below.
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new DecisionError('not_found');
    // The author erased it; a moderator must not write text back under their name.
    if (current.withdrawn_at) throw new DecisionError('not_allowed', current.status);
    // Timestamps reach the form with millisecond precision; the column may hold microseconds.
    const expected = request.expectedUpdatedAt;
    if (expected && Math.abs(current.updated_at.getTime() - expected.getTime()) >= 1) {
      throw new DecisionError('conflict', current.status);
    }
    if (current.title === request.title && current.body_raw === request.body) {
      return { changed: false, updatedAt: current.updated_at, bodyHtml };
    }

    await trx
      .updateTable('souvenir')
      .set({ title: request.title, body_raw: request.body, body_html: bodyHtml, hashtags, updated_at: now })
      .where('id', '=', request.id)
      .execute();

    await recordEvent(trx, {
      actor: request.actor,
      action: 'edit',
      targetType: 'souvenir',
      targetId: request.id,
      reason: request.reason ?? null,
      before: { title: current.title, body: current.body_raw, hashtags: current.hashtags },
      after: { title: request.title, body: request.body, hashtags },
    });
    if (current.status === 'approved') {
      await sql`select pg_notify(${WALL_CHANNEL}, ${String(request.id)})`.execute(trx);
    }
    return { changed: true, updatedAt: now, bodyHtml };
  });
}
