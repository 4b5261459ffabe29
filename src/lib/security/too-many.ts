import type { Locale } from '../i18n/index.ts';
import { t } from '../i18n/index.ts';
import { formatWait } from '../i18n/wait.ts';
import { readRefusalMessage } from '../rules/refusal.ts';
import { limitText, readLimitMessage } from './limit-message.ts';

/**
 * Answers "too many requests": status 429 and `Retry-After` in whole seconds (RFC 9110 §10.2.3),
 * so a browser, a script or a proxy knows when to come back. Every page over a limit calls this.
 */
export function answerTooMany(response: { status?: number; headers: Headers }, retryAfterSeconds: number): void {
  response.status = 429;
  response.headers.set('Retry-After', String(Math.max(1, Math.ceil(retryAfterSeconds))));
}

export interface RefusalNotice {
  /** The sentence shown above the form (the typed text is kept below it). */
  text: string;
  /** Set for a 429 (flood or rate limit): the page passes it to `answerTooMany`. */
  retryAfterSeconds: number | null;
}

/**
 * What a page shows for an Action error that refused a submission outright: a rate limit
 * (`limit.<action>:<s>`), a flood (`rules.flood:<s>`) or a duplicate; null for any other error.
 */
export function refusalNotice(locale: Locale, message: string | null | undefined): RefusalNotice | null {
  const limit = readLimitMessage(message);
  if (limit)
    return {
      text: limitText(locale, limit.action, limit.retryAfterSeconds),
      retryAfterSeconds: limit.retryAfterSeconds,
    };
  const refusal = readRefusalMessage(message ?? undefined);
  if (refusal) {
    const wait = formatWait(locale, refusal.retryAfterSeconds ?? 1);
    return { text: t(locale, refusal.key, { wait }), retryAfterSeconds: refusal.retryAfterSeconds };
  }
  return null;
}
