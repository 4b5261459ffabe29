import type { Kysely } from 'kysely';
import type { Cookie } from 'lucia';
import type { Database } from '../../../db/types.ts';
import { luciaFor } from './lucia.ts';
import type { LuciaOptions } from './lucia.ts';
import { verifyAgainstDummy, verifyPassword, MAX_PASSWORD_LENGTH } from './password.ts';
import { forgiveFailures, reserveAttempt } from './throttle.ts';
import { recogniseDevice, rememberDevice } from './device.ts';
import { normaliseUsername } from './usernames.ts';
import type { SessionUser } from './session-user.ts';

// Lucia's ids are 40 base32 characters; anything much longer is not one of ours.
const MAX_SESSION_ID_LENGTH = 128;

export interface RequestSession {
  user: SessionUser | null;
  /** The raw session id, for logout. */
  sessionId: string | null;
  /** A cookie to send back: the renewed session, or a blank one that clears a dead session. */
  cookie: Cookie | null;
}

/** The cookie's name for this kind of site (`__Host-session` over https). */
export function sessionCookieName(db: Kysely<Database>, options: LuciaOptions): string {
  return luciaFor(db, options).sessionCookieName;
}

/** Validates the cookie's session once per request (middleware); renews it as it is used. */
export async function validateRequestSession(
  db: Kysely<Database>,
  cookieValue: string | null | undefined,
  options: LuciaOptions,
): Promise<RequestSession> {
  if (!cookieValue) return { user: null, sessionId: null, cookie: null };
  const lucia = luciaFor(db, options);
  if (cookieValue.length > MAX_SESSION_ID_LENGTH) {
    return { user: null, sessionId: null, cookie: lucia.createBlankSessionCookie() };
  }
  const { session, user } = await lucia.validateSession(cookieValue);
  if (!session) return { user: null, sessionId: null, cookie: lucia.createBlankSessionCookie() };
  return {
    user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role },
    sessionId: session.id,
    cookie: session.fresh ? lucia.createSessionCookie(session.id) : null,
  };
}

/** Opens a new session (a fresh id every time: no fixation) and gives its cookie. */
export async function startSession(db: Kysely<Database>, userId: number, options: LuciaOptions): Promise<Cookie> {
  const lucia = luciaFor(db, options);
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id);
}

export interface LoginInput {
  username: string;
  password: string;
  ipHash: string | null;
  /** The device cookie the browser sent (device.ts), if any. */
  deviceToken?: string | null;
  /**
   * Run before an attempt from a browser that has no device cookie for this username (the
   * per-address budget); what it throws propagates. A known browser skips it: others sharing
   * its address must not be able to spend its sign-ins.
   */
  beforeUnknownBrowser?: () => Promise<void>;
}

export type LoginResult =
  /** `device`: the browser's new device cookie, to send with the session's. */
  | { status: 'ok'; user: SessionUser; cookie: Cookie; device: Cookie }
  /** Unknown user, disabled account and wrong password alike: one answer, one duration. */
  | { status: 'invalid' }
  | { status: 'throttled'; retryAfterSeconds: number };

export async function login(
  db: Kysely<Database>,
  input: LoginInput,
  options: LuciaOptions,
  now = new Date(),
): Promise<LoginResult> {
  const username = normaliseUsername(input.username).slice(0, 64);
  const deviceId = await recogniseDevice(db, input.deviceToken, username, now);
  if (deviceId === null) await input.beforeUnknownBrowser?.();
  const reservation = await reserveAttempt(db, { username, ipHash: input.ipHash, deviceId }, now);
  if (!reservation.allowed) return { status: 'throttled', retryAfterSeconds: reservation.retryAfterSeconds };

  const password = input.password.slice(0, MAX_PASSWORD_LENGTH);
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'password_hash', 'disabled_at'])
    .where('username', '=', username)
    .executeTakeFirst();
  const matches = row ? await verifyPassword(row.password_hash, password) : await verifyAgainstDummy(password);
  if (!row || !matches || row.disabled_at !== null) return { status: 'invalid' };

  await forgiveFailures(db, { username, deviceId, guessId: reservation.guessId });
  // Lucia never sweeps by itself; sessions abandoned without logout go at the next sign-in.
  await luciaFor(db, options).deleteExpiredSessions();
  const cookie = await startSession(db, row.id, options);
  const device = await rememberDevice(db, row.id, input.deviceToken, options, now);
  return {
    status: 'ok',
    user: { id: row.id, username: row.username, displayName: row.display_name, role: row.role },
    cookie,
    device,
  };
}

/** Ends one session and gives the cookie that clears it. */
export async function logout(db: Kysely<Database>, sessionId: string | null, options: LuciaOptions): Promise<Cookie> {
  const lucia = luciaFor(db, options);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie();
}

/** How many sessions of a user are open now (browsers or devices signed in). */
export async function countOpenSessions(db: Kysely<Database>, userId: number, now = new Date()): Promise<number> {
  const row = await db
    .selectFrom('user_session')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('expires_at', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Signs a user out everywhere else (a forgotten shared computer, a lost phone): every session
 * ends, and the browser asking gets a fresh one, as after a password change.
 */
export async function endOtherSessions(db: Kysely<Database>, userId: number, options: LuciaOptions): Promise<Cookie> {
  await endUserSessions(db, userId);
  return startSession(db, userId, options);
}

/** Ends every session of a user (password change, disabled account). */
export async function endUserSessions(db: Kysely<Database>, userId: number): Promise<void> {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
  // A browser that knew the old password must not stay a trusted device after a reset or a
  // disabling (auth/device.ts): it would skip the budgets meant for strangers.
  await db.deleteFrom('login_device').where('user_id', '=', userId).execute();
}
