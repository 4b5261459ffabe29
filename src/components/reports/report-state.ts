import { isMessageKey, t } from '../../lib/i18n/index.ts';
import type { Locale } from '../../lib/i18n/index.ts';
import { refusalNotice } from '../../lib/security/too-many.ts';
import { REPORT_TARGETS } from '../../lib/reports/reasons.ts';
import { PUBLIC_ID } from '../../lib/security/tokens.ts';

/** `?signalement=` after the redirect that follows a report, and the item it was about (`?cible=`). */
export const REPORT_PARAM = 'signalement';
export const REPORT_TARGET_PARAM = 'cible';
export type ReportAnswer = 'transmis' | 'deja';

/** `souvenir-<publicId>` or `commentaire-<publicId>`: which form a message belongs to. */
export function reportTargetKey(targetType: string, publicId: string): string {
  return `${targetType === 'comment' ? 'commentaire' : 'souvenir'}-${publicId}`;
}

export interface ReportFormError {
  /** The form it belongs to (reportTargetKey). */
  targetKey: string;
  message: string;
  /** What the visitor chose and typed, put back. */
  values: { reason?: string; note?: string };
}

export interface ReportPageState {
  /** "Merci, votre signalement a été transmis." (or "already"), after the redirect. */
  notice: string | null;
  error: ReportFormError | null;
  /** For a 429 (the report budget): the page answers with `answerTooMany`. */
  retryAfterSeconds: number | null;
}

export interface ReportPageInput {
  /** The report Action's error: the first message of the first invalid field, or its own message. */
  error: { message: string | null } | null;
  submitted: Record<string, string>;
  answerParam: string | null;
}

/** What a page with "Signaler" forms shows, from the report Action's result and the page's query. */
export function reportPageState(locale: Locale, input: ReportPageInput): ReportPageState {
  if (!input.error) {
    const answer = input.answerParam;
    const notice =
      answer === 'transmis' ? t(locale, 'report.thanks') : answer === 'deja' ? t(locale, 'report.already') : null;
    return { notice, error: null, retryAfterSeconds: null };
  }
  const { targetType, target, reason, note } = input.submitted;
  const refusal = refusalNotice(locale, input.error.message);
  const key = input.error.message;
  const message = refusal?.text ?? t(locale, key && isMessageKey(key) ? key : 'error.generic');
  const known = (REPORT_TARGETS as readonly string[]).includes(targetType ?? '') && PUBLIC_ID.test(target ?? '');
  return {
    notice: null,
    error: {
      targetKey: known ? reportTargetKey(targetType!, target!) : '',
      message,
      values: { ...(reason ? { reason } : {}), ...(note ? { note } : {}) },
    },
    retryAfterSeconds: refusal?.retryAfterSeconds ?? null,
  };
}
