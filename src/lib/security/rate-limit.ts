import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

export type LimitedAction = 'share' | 'comment' | 'candle' | 'report' | 'login';
/** In the order the settings page lists them. */
export const LIMITED_ACTIONS: readonly LimitedAction[] = ['share', 'comment', 'candle', 'report', 'login'];

export interface Budget {
  /** Requests allowed per window; 0 lifts the limit (the benchmark does). */
  limit: number;
  windowSeconds: number;
}

/** Default budgets per IP hash; an admin can change them in the settings. */
export const DEFAULT_BUDGETS: Readonly<Record<LimitedAction, Budget>> = {
  share: { limit: 10, windowSeconds: 3600 },
  comment: { limit: 30, windowSeconds: 3600 },
  candle: { limit: 60, windowSeconds: 3600 },
  report: { limit: 20, windowSeconds: 3600 },
  login: { limit: 30, windowSeconds: 900 },
};

export interface RateDecision {
  allowed: boolean;
  /** Seconds until the window resets (0 when allowed). */
  retryAfterSeconds: number;
}

/**
 * Counts one request in the current fixed window and says whether it is within budget.
 * The counter lives in the database so the limit holds across app processes.
 */
export async function hitRateLimit(
  db: Kysely<Database>,
  // `preview`: counted like the others, with a fixed budget (writing/preview.ts), not a setting.
  action: LimitedAction | 'preview' | 'lost_links' | 'lost_links_address',
  keyHash: string | null,
  budget: Budget,
  now = new Date(),
): Promise<RateDecision> {
  if (!keyHash || budget.limit <= 0) return { allowed: true, retryAfterSeconds: 0 };
  const windowMs = budget.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const row = await db
    .insertInto('rate_limit')
    .values({ action, key_hash: keyHash, window_start: windowStart, hits: 1 })
    .onConflict((oc) =>
      oc.columns(['action', 'key_hash', 'window_start']).doUpdateSet({ hits: sql`rate_limit.hits + 1` }),
    )
    .returning('hits')
    .executeTakeFirstOrThrow();
  if (row.hits <= budget.limit) return { allowed: true, retryAfterSeconds: 0 };
  const retryAfterSeconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  return { allowed: false, retryAfterSeconds };
}

/** Drops windows that ended more than a day ago. */
export async function purgeRateLimits(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('rate_limit')
    .where('window_start', '<', new Date(now.getTime() - 2 * 86_400_000))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
