import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { sanitizeContributionBody } from '../sanitize/sanitize.ts';
import { insertContribution } from '../contributions/submit.ts';
import type { ContributionDraft, SubmissionContext, Submitted } from '../contributions/submit.ts';
import { notifyWall } from '../contributions/notify.ts';
import { extractHashtags } from './hashtags.ts';

/** The longest souvenir, in characters: the form's maxlength and the Action's check. */
export const MAX_SOUVENIR_LENGTH = 10_000;

export interface SouvenirSubmission extends ContributionDraft {
  title: string | null;
  memoryYear: number | null;
  event: string | null;
}

/**
 * Stores a submitted souvenir (its hashtags read from the text) with its audit row, in one
 * statement. Throws `SanitizeError` (before any write) when the body cannot be sanitised
 * or shows nothing once sanitised.
 */
export async function createSouvenir(
  db: Kysely<Database>,
  submission: SouvenirSubmission,
  context: SubmissionContext,
): Promise<Submitted> {
  const { html: bodyHtml, text } = sanitizeContributionBody(submission.body);
  const now = context.now ?? new Date();
  const own = {
    title: submission.title,
    memory_year: submission.memoryYear,
    event: submission.event,
    hashtags: extractHashtags(text),
    is_demo: context.isDemo ?? false,
    consent_at: now,
  };
  const created = await insertContribution(db, 'souvenir', { ...submission, bodyHtml }, own, { ...context, now });
  // Approved at once (a known author): the wall changes as after a moderator's approval. Told
  // once the row is committed, so a listener that reads it on the notification finds it.
  if (created.status === 'approved') await notifyWall(db, created.id);
  return created;
}
