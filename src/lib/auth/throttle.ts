import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** Failures counted over this window… */
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
/** …are free up to this many; each one after that doubles the wait (1 s, 2 s, 4 s…). */
export const FREE_FAILURES = 5;
/** The longest wait: the window itself, after which old failures stop counting anyway. */
export const MAX_DELAY_SECONDS = 15 * 60;
/**
 * Password checks per hour against one username from browsers without its device cookie, all
 * addresses together (and, apart, from each device): whoever the attacker is, this is their
 * budget, and no one's success raises it (OWASP: lock out untrusted clients, not the account).
 */
export const GUESSES_PER_HOUR = 10;
const HOUR_MS = 60 * 60 * 1000;
/** Rows older than this are only clutter. */
const KEEP_MS = 24 * 60 * 60 * 1000;
/** Serialises the check-then-record step across processes (an arbitrary, fixed lock number). */
const LOCK_KEY = 7_204_113;

/** How long to wait after the latest failure once `failures` have happened in the window. */
export function delaySeconds(failures: number): number {
  if (failures < FREE_FAILURES) return 0;
  return Math.min(2 ** (failures - FREE_FAILURES), MAX_DELAY_SECONDS);
}

export type Reservation =
  { allowed: true; attemptId: number; guessId: number } | { allowed: false; retryAfterSeconds: number };

export interface AttemptKey {
  /** Lower-cased, as typed: unknown names are throttled like real ones. */
  username: string;
  ipHash: string | null;
  /** The browser's device for this username (see device.ts): only that device's failures count then. */
  deviceId?: number | null;
}

/**
 * Before checking a password: refuses while the key must wait, otherwise records the attempt
 * as a failure until `forgiveFailures` says it succeeded. Recording first means a burst of
 * parallel guesses is throttled too, not only guesses one after another.
 *
 * A browser with a device cookie waits for its own failures only (neither the username's nor the
 * address's): an attacker cannot slow it down. Any other browser waits for the failures of every
 * such browser on the username, for its address's, and for the hourly cap.
 */
export async function reserveAttempt(db: Kysely<Database>, key: AttemptKey, now = new Date()): Promise<Reservation> {
  const deviceId = key.deviceId ?? null;
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${LOCK_KEY})`.execute(trx);
    const attempts = trx
      .selectFrom('login_attempt')
      .select([sql<number>`count(*)::int`.as('failures'), sql<Date | null>`max(attempted_at)`.as('latest')])
      .where('attempted_at', '>', since);
    const counts = [];
    if (deviceId !== null) {
      counts.push(await attempts.where('device_id', '=', deviceId).executeTakeFirstOrThrow());
    } else {
      counts.push(
        await attempts.where('username', '=', key.username).where('device_id', 'is', null).executeTakeFirstOrThrow(),
      );
      if (key.ipHash) counts.push(await attempts.where('ip_hash', '=', key.ipHash).executeTakeFirstOrThrow());
    }

    let waitMs = 0;
    for (const { failures, latest } of counts) {
      if (!latest) continue;
      const until = new Date(latest).getTime() + delaySeconds(failures) * 1000;
      waitMs = Math.max(waitMs, until - now.getTime());
    }
    waitMs = Math.max(waitMs, await hourlyCapWait(trx, key.username, deviceId, now));
    if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.ceil(waitMs / 1000) };

    await purgeLoginAttempts(trx, now);
    const attempt = await trx
      .insertInto('login_attempt')
      .values({ username: key.username, ip_hash: key.ipHash, attempted_at: now, device_id: deviceId })
      .returning('id')
      .executeTakeFirstOrThrow();
    const guess = await trx
      .insertInto('login_guess')
      .values({ username: key.username, device_id: deviceId, attempted_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { allowed: true, attemptId: attempt.id, guessId: guess.id };
  });
}

/** Milliseconds until the key has made fewer than GUESSES_PER_HOUR password checks in the past hour. */
async function hourlyCapWait(
  trx: Transaction<Database>,
  username: string,
  deviceId: number | null,
  now: Date,
): Promise<number> {
  // The GUESSES_PER_HOUR-th most recent check: once it is an hour old, one more is allowed.
  const row = await trx
    .selectFrom('login_guess')
    .select('attempted_at')
    .where('username', '=', username)
    .where('device_id', deviceId === null ? 'is' : '=', deviceId)
    .where('attempted_at', '>', new Date(now.getTime() - HOUR_MS))
    .orderBy('attempted_at', 'desc')
    .offset(GUESSES_PER_HOUR - 1)
    .limit(1)
    .executeTakeFirst();
  return row ? new Date(row.attempted_at).getTime() + HOUR_MS - now.getTime() : 0;
}

/**
 * Drops attempts older than a day and hourly checks older than an hour (they no longer count;
 * also done as attempts come in); returns how many attempts went.
 */
export async function purgeLoginAttempts(db: Kysely<Database>, now = new Date()): Promise<number> {
  await db
    .deleteFrom('login_guess')
    .where('attempted_at', '<=', new Date(now.getTime() - HOUR_MS))
    .execute();
  const result = await db
    .deleteFrom('login_attempt')
    .where('attempted_at', '<', new Date(now.getTime() - KEEP_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * After a successful login. From a device: its failures stop counting, its hourly checks too
 * (they were its owner's). From any other browser: the failures of browsers without a device
 * cookie stop slowing the username down (from any address), but of the hourly checks only this
 * one goes, since the others may be an attacker's.
 */
export async function forgiveFailures(
  db: Kysely<Database>,
  key: { username: string; deviceId?: number | null; guessId: number },
): Promise<void> {
  const deviceId = key.deviceId ?? null;
  await db.transaction().execute(async (trx) => {
    if (deviceId !== null) {
      await trx.deleteFrom('login_attempt').where('device_id', '=', deviceId).execute();
      await trx.deleteFrom('login_guess').where('device_id', '=', deviceId).execute();
    } else {
      await trx
        .deleteFrom('login_attempt')
        .where('username', '=', key.username)
        .where('device_id', 'is', null)
        .execute();
      await trx.deleteFrom('login_guess').where('id', '=', key.guessId).execute();
    }
  });
}
