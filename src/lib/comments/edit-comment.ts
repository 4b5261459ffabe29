import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeBody } from '../sanitize/sanitize.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { DecisionError } from '../moderation/decisions.ts';

export interface CommentEditRequest {
  id: number;
  actor: Actor;
  /** The new text as typed; sanitised here exactly as a submission is. */
  body: string;
  /** When the moderator opened the edit form; a later change by anyone is reported as a conflict. */
  expectedUpdatedAt?: Date | null;
  reason?: string | null;
  now?: Date;
}

/**
 * A moderator's correction of a comment's text: re-sanitised, with an `edit` audit row holding
 * the text before and after, in one transaction. Returns whether anything changed.
 * Throws SanitizeError (before any write) or DecisionError (not_found, conflict, not_allowed when withdrawn).
 */
export async function editComment(db: Kysely<Database>, request: CommentEditRequest): Promise<{ changed: boolean }> {
  const bodyHtml = sanitizeBody(request.body);
  const now = request.now ?? new Date();

  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('comment')
      .select(['status', 'souvenir_id', 'body_raw', 'updated_at', 'withdrawn_at'])
      .where('id', '=', request.id)
      // Holds the row until commit on PostgreSQL, so two edits cannot both pass the check below.
      .forUpdate()
      .executeTakeFirst();
    if (!current) throw new DecisionError('not_found');
    // Erased by its author or an admin: there is no text left to correct.
    if (current.withdrawn_at) throw new DecisionError('not_allowed', current.status);
    // Timestamps reach the form with millisecond precision; the column may hold microseconds.
    const expected = request.expectedUpdatedAt;
    if (expected && Math.abs(current.updated_at.getTime() - expected.getTime()) >= 1) {
      throw new DecisionError('conflict', current.status);
    }
    if (current.body_raw === request.body) return { changed: false };

    await trx
      .updateTable('comment')
      .set({ body_raw: request.body, body_html: bodyHtml, updated_at: now })
      .where('id', '=', request.id)
      .execute();
    await recordEvent(trx, {
      actor: request.actor,
      action: 'edit',
      targetType: 'comment',
      targetId: request.id,
      reason: request.reason ?? null,
      before: { body: current.body_raw },
      after: { body: request.body },
    });
    return { changed: true };
  });
}
