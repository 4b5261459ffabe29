import { defineMiddleware } from 'astro:middleware';
import { getRuntime } from '../runtime.ts';
import { primaryLsn } from './read-router.ts';
import { isOwnWrite, ownWriteCookie, ownWriteKey } from './own-writes.ts';

/**
 * After a write that succeeded, when public pages read from a replica: the primary's position in
 * a short-lived cookie, so this person's next pages show what they just did (own-writes.ts). One
 * small query per write, none per read; nothing without a replica.
 */
export const ownWrites = defineMiddleware(async (context, next) => {
  const response = await next();
  if (context.isPrerendered || !isOwnWrite(context.request.method, context.url.pathname, response.status))
    return response;
  const { readRouter, publicOrigin, ipHashSecret } = await getRuntime();
  if (!readRouter) return response;
  try {
    const lsn = await primaryLsn(readRouter.primary);
    const secure = context.url.protocol === 'https:' || Boolean(publicOrigin?.startsWith('https:'));
    response.headers.append('set-cookie', ownWriteCookie(lsn, secure, ownWriteKey(ipHashSecret)));
  } catch (error) {
    // The write is done; only the replica's freshness for this person is lost (the change's own rule still holds).
    console.error('[replica] could not read the primary’s position after a write:', (error as Error).message);
  }
  return response;
});
