import { randomBytes } from 'node:crypto';
import { Cookie } from 'lucia';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { hashToken, newToken, tokenMatches } from '../security/tokens.ts';
import type { LuciaOptions } from './lucia.ts';
import { normaliseUsername } from './usernames.ts';

/**
 * OWASP's device cookies (Authentication Cheat Sheet): a browser that signed in as someone is
 * recognised at their next sign-in, and only its own failures can slow it down. The cookie is
 * `selector.verifier`: the selector finds the row, the verifier (192 random bits) is kept as its
 * SHA-256 and compared in constant time, so a copy of the table recognises no browser.
 */

/** A browser stays known this long after its latest sign-in there. */
export const DEVICE_LIFETIME_MS = 180 * 24 * 60 * 60 * 1000;

// The selector only finds the row; 96 random bits keep two browsers from ever sharing one.
const SELECTOR_BYTES = 12;
// A longer value is not one of ours (selector 16, dot, verifier 32 characters).
const MAX_TOKEN_LENGTH = 64;

/** `__Host-` over https, as for the session: Secure, Path=/, no Domain. */
export function deviceCookieName(options: LuciaOptions): string {
  return options.secure ? '__Host-appareil' : 'appareil';
}

/** The device of a cookie value, if it names one still valid for `username` (as typed). */
export async function recogniseDevice(
  db: Kysely<Database>,
  token: string | null | undefined,
  username: string,
  now = new Date(),
): Promise<number | null> {
  const device = await findDevice(db, token, now);
  return device && device.username === normaliseUsername(username) ? device.id : null;
}

async function findDevice(db: Kysely<Database>, token: string | null | undefined, now: Date) {
  if (!token || token.length > MAX_TOKEN_LENGTH) return null;
  const [selector, verifier, ...rest] = token.split('.');
  if (!selector || !verifier || rest.length > 0) return null;
  const row = await db
    .selectFrom('login_device')
    .innerJoin('app_user', 'app_user.id', 'login_device.user_id')
    .select(['login_device.id', 'login_device.verifier_hash', 'app_user.username'])
    .where('login_device.selector', '=', selector)
    .where('login_device.expires_at', '>', now)
    .executeTakeFirst();
  return row && tokenMatches(verifier, row.verifier_hash) ? row : null;
}

/**
 * After a successful sign-in: a new device cookie for `userId`. The one the browser sent (for
 * this user or another) is replaced, so a cookie is good for one sign-in and its row goes;
 * devices past their lifetime go too.
 */
export async function rememberDevice(
  db: Kysely<Database>,
  userId: number,
  previousToken: string | null | undefined,
  options: LuciaOptions,
  now = new Date(),
): Promise<Cookie> {
  const previous = await findDevice(db, previousToken, now);
  const selector = randomBytes(SELECTOR_BYTES).toString('base64url');
  const verifier = newToken();
  const expiresAt = new Date(now.getTime() + DEVICE_LIFETIME_MS);
  await db.transaction().execute(async (trx) => {
    if (previous) await trx.deleteFrom('login_device').where('id', '=', previous.id).execute();
    await trx.deleteFrom('login_device').where('expires_at', '<=', now).execute();
    await trx
      .insertInto('login_device')
      .values({ user_id: userId, selector, verifier_hash: hashToken(verifier), created_at: now, expires_at: expiresAt })
      .execute();
  });
  return new Cookie(deviceCookieName(options), `${selector}.${verifier}`, {
    httpOnly: true,
    secure: options.secure,
    // Only ever read by the sign-in form, a same-site POST.
    sameSite: 'strict',
    path: '/',
    maxAge: Math.floor(DEVICE_LIFETIME_MS / 1000),
  });
}
