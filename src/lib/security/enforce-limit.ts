import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { getDiscussionSettings } from '../rules/settings.ts';
import type { DiscussionSettings } from '../rules/settings.ts';
import { hitRateLimit } from './rate-limit.ts';
import type { LimitedAction } from './rate-limit.ts';

/** A request over its action's budget: nothing was done; the visitor may try again after the wait. */
export class RateLimited extends Error {
  readonly action: LimitedAction;
  readonly retryAfterSeconds: number;

  constructor(action: LimitedAction, retryAfterSeconds: number) {
    super(`${action}: over the rate limit; retry after ${retryAfterSeconds} s`);
    this.name = 'RateLimited';
    this.action = action;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export interface EnforceOptions {
  /** The rules already read by the caller; read from the database otherwise. */
  settings?: DiscussionSettings;
  /** LIFT_RATE_LIMITS=1 (load tests only): nothing is counted. */
  lifted?: boolean;
  now?: Date;
}

/**
 * Counts one `action` by the visitor `ipHash` against the budget an admin set in the discussion
 * settings, and throws RateLimited when it is over. Call it before the work it protects (before
 * argon2 for a login, before any write for a submission).
 */
export async function enforceRateLimit(
  db: Kysely<Database>,
  action: LimitedAction,
  ipHash: string | null,
  options: EnforceOptions = {},
): Promise<void> {
  if (options.lifted) return;
  const settings = options.settings ?? (await getDiscussionSettings(db));
  const decision = await hitRateLimit(db, action, ipHash, settings.rateBudgets[action], options.now);
  if (!decision.allowed) throw new RateLimited(action, decision.retryAfterSeconds);
}
