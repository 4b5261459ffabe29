import { t } from '../i18n/index.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import { formatWait } from '../i18n/wait.ts';
import { LIMITED_ACTIONS } from './rate-limit.ts';
import type { LimitedAction } from './rate-limit.ts';
import type { RateLimited } from './enforce-limit.ts';

/**
 * The message an Action error carries for a rate limit. An ActionError has only a code and a
 * message, so the wait travels inside it, as the flood refusal's does: `limit.share:720`.
 */
export function limitMessage(limited: RateLimited): string {
  return `limit.${limited.action}:${limited.retryAfterSeconds}`;
}

export interface ReadLimit {
  action: LimitedAction;
  retryAfterSeconds: number;
}

/** The action and wait of a message made by `limitMessage`, or null for any other message. */
export function readLimitMessage(message: string | null | undefined): ReadLimit | null {
  const match = /^limit\.([a-z]+):(\d{1,7})$/.exec(message ?? '');
  if (!match || !(LIMITED_ACTIONS as readonly string[]).includes(match[1]!)) return null;
  return { action: match[1] as LimitedAction, retryAfterSeconds: Math.max(1, Number(match[2])) };
}

// Each limited action's sentence; an action without one fails to compile.
const LIMIT_TEXTS: Record<LimitedAction, MessageKey> = {
  share: 'limit.share',
  comment: 'limit.comment',
  candle: 'limit.candle',
  report: 'limit.report',
  login: 'limit.login',
};

/** "Vous avez partagé beaucoup de souvenirs en peu de temps. Réessayez dans 12 minutes…" */
export function limitText(locale: Locale, action: LimitedAction, retryAfterSeconds: number): string {
  return t(locale, LIMIT_TEXTS[action], { wait: formatWait(locale, retryAfterSeconds) });
}
