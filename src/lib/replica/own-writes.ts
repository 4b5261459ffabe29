import { formatLsn, parseLsn } from './lsn.ts';

/**
 * The cookie that lets whoever just acted (shared, commented, lit a candle, moderated, edited
 * through their private link) read their own write: the primary's write position after their
 * request, nothing else — no identity, the same value for anyone who wrote at that moment.
 * Pages read from the replica again as soon as it has replayed that far (read-router.ts).
 */
export const OWN_WRITE_COOKIE = 'mur-ecrit';
/**
 * Past this age the replica is either caught up or skipped for its lag (REPLICA_MAX_LAG_MS), so
 * the cookie has nothing left to say.
 */
export const OWN_WRITE_MAX_AGE_S = 60;

const COOKIE = new RegExp(`(?:^|;\\s*)${OWN_WRITE_COOKIE}=([^;]*)`);

/** The position carried by a request's Cookie header, or null (none, or not a position). */
export function ownWriteLsn(cookieHeader: string | null | undefined): bigint | null {
  const match = COOKIE.exec(cookieHeader ?? '');
  return match ? parseLsn(decodeURIComponent(match[1]!)) : null;
}

/** The Set-Cookie value after a write at `lsn`; `secure` when the site is served over https. */
export function ownWriteCookie(lsn: bigint, secure: boolean): string {
  return [
    `${OWN_WRITE_COOKIE}=${formatLsn(lsn)}`,
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
