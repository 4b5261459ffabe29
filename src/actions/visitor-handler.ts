import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { MessageKey } from '../lib/i18n/index.ts';
import { getRuntime } from '../lib/runtime.ts';
import { discussionSettingsInForce } from '../lib/rules/settings-in-force.ts';
import type { DiscussionSettings } from '../lib/rules/settings.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit } from '../lib/security/enforce-limit.ts';
import type { LimitedAction } from '../lib/security/rate-limit.ts';
import { toActionError } from './errors.ts';

/** What a visitor's Action works with once its rate limit has let it through. */
export interface Visit {
  db: Kysely<Database>;
  /** The keyed hash of the visitor's address, never the address (null when it cannot be read). */
  ipHash: string | null;
  /** The discussion rules, read at most once per request (and kept while the process hears their changes). */
  settings: () => Promise<DiscussionSettings>;
  /** Rate limits and the flood rule are off (load tests, the demo). */
  limitsLifted: boolean;
  locals: App.Locals;
}

interface VisitorContext {
  locals: App.Locals;
  request: Request;
  clientAddress: string;
}

/**
 * The handler of a visitor's Action (sharing, commenting, a candle, a report): the rate limit of
 * `action` first, then `run`; whatever either throws is answered from errors.ts, `unavailable`
 * being the Action's own "try again later" sentence.
 */
export function visitorHandler<Input, Output>(
  action: LimitedAction,
  run: (input: Input, visit: Visit) => Promise<Output>,
  unavailable?: MessageKey,
) {
  return async (input: Input, context: VisitorContext): Promise<Output> => {
    const runtime = await getRuntime();
    const db = runtime.handle.db;
    const ipHash = visitorIpHash(runtime, context);
    let read: Promise<DiscussionSettings> | undefined;
    const settings = () => (read ??= discussionSettingsInForce(db));
    try {
      if (!runtime.limitsLifted) await enforceRateLimit(db, action, ipHash, { settings: await settings() });
      return await run(input, { db, ipHash, settings, limitsLifted: runtime.limitsLifted, locals: context.locals });
    } catch (error) {
      throw toActionError(error, action, unavailable);
    }
  };
}
