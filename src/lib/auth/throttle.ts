import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** Failures counted over this window… */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** …are free up to this many; each one after that doubles the wait (1 s, 2 s, 4 s…). */
export const FREE_FAILURES = 5;
/** The longest wait: the window itself, after which old failures stop counting anyway. */
export const MAX_DELAY_SECONDS = 15 * 60;
/** Rows older than this are only clutter. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** Serialises the check-then-record step across processes (an arbitrary, fixed lock number). */
const LOCK_KEY = 7_204_113;

/** How long to wait after the latest failure once `failures` have happened in the window. */
export function delaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

export type Reservation = { allowed: true; attemptId: number } | { allowed: false; retryAfterSeconds: number };

export interface AttemptKey {
  /** Lower-cased, as typed: unknown names are throttled like real ones. */
  username: string;
  ipHash: string | null;
}

/**
 * Before checking a password: refuses while the username or the IP hash must wait, otherwise
 * records the attempt as a failure until `forgiveFailures` says it succeeded. Recording first
 * means a burst of parallel guesses is throttled too, not only guesses one after another.
 */
export async function reserveAttempt(db: Kysely<Database>, key: AttemptKey, now = new Date()): Promise<Reservation> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    const stats = (column: 'username' | 'ip_hash', value: string) =>
      trx
        .selectFrom('login_attempt')
        .select([sql<number>`count(*)::int`.as('failures'), sql<Date | null>`max(attempted_at)`.as('latest')])
        .where(column, '=', value)
        .where('attempted_at', '>', since)
        .executeTakeFirstOrThrow();
    const counts = [await stats('username', key.username)];
    if (key.ipHash) counts.push(await stats('ip_hash', key.ipHash));

    let waitMs = 0;
    for (const { failures, latest } of counts) {
      if (!latest) continue;
      const until = new Date(latest).getTime() + delaySeconds(failures) * 1000;
      waitMs = Math.max(waitMs, until - now.getTime());
    }
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };

    await trx
      .deleteFrom('login_attempt')
      .where('attempted_at', '<', new Date(now.getTime() - KEEP_MS))
      .execute();
    const row = await trx
      .insertInto('login_attempt')
      .values({ username: key.username, ip_hash: key.ipHash, attempted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { allowed: true, attemptId: row.id };
  });
}

/** Drops attempts older than a day (they no longer count; also done as attempts come in); returns how many. */
export async function purgeLoginAttempts(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('login_attempt').where('attempted_at', '<', new Date(now.getTime() - KEEP_MS)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** After a successful login: the username's failures (from any address) stop counting. */
export async function forgiveFailures(db: Kysely<Database>, username: string): Promise<void> {
  await db.deleteFrom('login_attempt').where('username', '=', username).execute();
}
