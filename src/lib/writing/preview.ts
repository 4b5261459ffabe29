import { SanitizeError, sanitizeContributionBody } from '../sanitize/sanitize.ts';
import type { SanitizeErrorCode } from '../sanitize/sanitize.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import type { Budget } from '../security/rate-limit.ts';
import { MAX_BODY_LENGTH, bodyLength } from './body-length.ts';

/**
 * A preview is asked for at most every second or so while someone types, or on a click; this
 * leaves a person writing for an hour room to spare and bounds what a script can make us parse.
 */
export const PREVIEW_BUDGET: Budget = { limit: 600, windowSeconds: 3600 };

/**
 * The stored HTML of the text and what the sanitiser took out of it (removedMarkup: said to the
 * author while they can still change it), or why the form would refuse it (`too_long`: past the
 * kind's limit).
 */
export type Preview = { html: string; removed: string[] } | { refusal: SanitizeErrorCode; removed?: string[] };

/**
 * What the wall will show of `raw` as a `kind`'s text: the very HTML a share, a comment or an edit
 * would store, from the same sanitiser (sanitizeContributionBody) and the same length rule as the
 * forms. Blank text previews as nothing rather than as a refusal: the person has not written yet.
 */
export function previewBody(kind: ContributionKind, raw: string): Preview {
  if (raw.trim() === '') return { html: '', removed: [] };
  if (bodyLength(raw) > MAX_BODY_LENGTH[kind]) return { refusal: 'too_long' };
  try {
    const { html, removed } = sanitizeContributionBody(raw);
    return { html, removed };
  } catch (error) {
    if (error instanceof SanitizeError) {
      // A text of markup alone: what was removed says why nothing is left.
      return error.removed.length ? { refusal: error.code, removed: error.removed } : { refusal: error.code };
    }
    throw error;
  }
}
