import type { MessageKey } from '../i18n/index.ts';

export type RuleRefusalCode = 'flood' | 'duplicate';

/** A submission the discussion rules refuse outright: nothing is stored. */
export class RuleRefusal extends Error {
  readonly code: RuleRefusalCode;
  /** For `flood`: whole seconds until a new submission is accepted. */
  readonly retryAfterSeconds: number | null;

  constructor(code: RuleRefusalCode, retryAfterSeconds: number | null = null) {
    super(code === 'flood' ? `submitted too soon; retry after ${retryAfterSeconds} s` : 'duplicate submission');
    this.name = 'RuleRefusal';
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * The message an Action error carries for a refusal. An ActionError has only a code and a
 * message, so the wait travels inside it: `rules.flood:12`.
 */
export function refusalMessage(refusal: RuleRefusal): string {
  return refusal.code === 'flood' ? `rules.flood:${refusal.retryAfterSeconds ?? 1}` : 'rules.duplicate';
}

export interface ReadRefusal {
  /** `rules.flood` says how long to wait as `{wait}`, in words (i18n/wait.ts). */
  key: MessageKey;
  /** For the `Retry-After` header of a 429. */
  retryAfterSeconds: number | null;
}

/** What a page shows for an Action error message made by `refusalMessage`, or null for any other. */
export function readRefusalMessage(message: string | undefined): ReadRefusal | null {
  if (message === 'rules.duplicate') return { key: 'rules.duplicate', retryAfterSeconds: null };
  const flood = /^rules\.flood:(\d{1,6})$/.exec(message ?? '');
  if (!flood) return null;
  const seconds = Math.max(1, Number(flood[1]));
  return { key: 'rules.flood', retryAfterSeconds: seconds };
}
