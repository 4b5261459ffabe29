import { createHmac, timingSafeEqual } from 'node:crypto';
import { formatLsn, parseLsn } from './lsn.ts';

/**
 * The cookie that lets whoever just acted (shared, commented, lit a candle, moderated, edited
 * through their private link) read their own write: the primary's write position after their
 * request, nothing else — no identity, the same value for anyone who wrote at that moment.
 * Pages read from the replica again as soon as it has replayed that far (read-router.ts). Signed
 * with a key every host shares, so nobody can send every read of theirs to the primary at will.
 */
export const OWN_WRITE_COOKIE = 'mur-ecrit';
/**
 * Past this age the replica is either caught up or skipped for its lag (REPLICA_MAX_LAG_MS), so
 * the cookie has nothing left to say.
 */
export const OWN_WRITE_MAX_AGE_S = 60;

const COOKIE = new RegExp(`(?:^|;\\s*)${OWN_WRITE_COOKIE}=([^;]*)`);

/** The cookie's key, derived from the secret every host shares (IP_HASH_SECRET), so it is never the secret itself. */
export function ownWriteKey(sharedSecret: string): string {
  if (lastKey?.secret !== sharedSecret)
    lastKey = {
      secret: sharedSecret,
      key: createHmac('sha256', sharedSecret).update('mur-ecrit key').digest('base64url'),
    };
  return lastKey.key;
}
let lastKey: { secret: string; key: string } | null = null;

function signature(position: string, key: string): string {
  return createHmac('sha256', key).update(`own-write\n${position}`).digest('base64url').slice(0, 22);
}

/** The position carried by a request's Cookie header, or null (none, not a position, or not signed with `key`). */
export function ownWriteLsn(cookieHeader: string | null | undefined, key: string): bigint | null {
  const match = COOKIE.exec(cookieHeader ?? '');
  const [position, signed] = (match?.[1] ?? '').split('.');
  if (!position || !signed) return null;
  const expected = Buffer.from(signature(position, key));
  const given = Buffer.from(signed);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return parseLsn(position);
}

/** The Set-Cookie value after a write at `lsn`, signed with `key`; `secure` when the site is served over https. */
export function ownWriteCookie(lsn: bigint, secure: boolean, key: string): string {
  const position = formatLsn(lsn);
  return [
    `${OWN_WRITE_COOKIE}=${position}.${signature(position, key)}`,
    'Path=/',
    `Max-Age=${OWN_WRITE_MAX_AGE_S}`,
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

/**
 * Whether a request is someone acting: a write (not GET or HEAD) that succeeded or was answered
 * by a redirect. A server island asked by POST only reads.
 */
export function isOwnWrite(method: string, pathname: string, status: number): boolean {
  return method !== 'GET' && method !== 'HEAD' && !pathname.startsWith('/_server-islands/') && status < 400;
}
