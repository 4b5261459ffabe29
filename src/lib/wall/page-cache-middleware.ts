import { defineMiddleware } from 'astro:middleware';
import { cacheDecision } from './cache-policy.ts';
import { renderCache, toCachedPage } from './render-cache.ts';
import { answerFromStore, toWebResponse } from './http-cache.ts';
import { wallNotifications } from './invalidation.ts';
import { getRuntime } from '../runtime.ts';
import { buildIdentity, contentVersion, versionEtag } from './content-version.ts';
import { forgetSharedContentVersion, sharedContentVersion } from './shared-reads.ts';
import { publicReader } from '../replica/public-reader.ts';

/**
 * The outermost middleware: answers cached public pages (or 304s) before anything renders, and
 * stores what the rest of the pipeline produced (security headers included) for the next visitor.
 * The decision is cache-policy.ts's, made from the URL and cookies alone.
 */
export const pageCache = defineMiddleware(async (context, next) => {
  const { request } = context;
  const publicOrigin = context.isPrerendered ? undefined : (await getRuntime()).publicOrigin;
  const decision = cacheDecision(request.method, context.url, request.headers.get('cookie'), publicOrigin);
  if (decision.action === 'pass') return next();
  if (decision.action === 'redirect') {
    return new Response(null, {
      status: 303,
      headers: { location: decision.location, 'cache-control': 'private, no-store' },
    });
  }

  // The same page for everyone: no session lookup (the moderator bar is a server island).
  context.locals.user = null;
  try {
    await wallNotifications();
  } catch (error) {
    console.error('[wall] could not listen for changes; pages are not cached:', (error as Error).message);
  }
  const cache = renderCache();
  const ifNoneMatch = request.headers.get('if-none-match');
  const hit = cache.lookup(decision.key);
  if (hit) return toWebResponse(answerFromStore(hit, request.method, ifNoneMatch));

  const generation = cache.generation;
  // Pages that expire on a timer may change without a new version: their tags stay the bytes'.
  const build = decision.ttlMs === null ? buildIdentity() : null;
  // The page's own reader (replica/public-reader.ts): its version is the version of what the page shows.
  const db = build ? await publicReader(request) : null;
  const versionBefore = db ? await sharedContentVersion(db).catch(() => null) : null;
  const response = await next();
  if (response.status !== 200 || request.method !== 'GET' || response.headers.has('set-cookie')) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  // The version kept since the last change (before) and the one after the render: equal, the page
  // shows exactly that version and every host tags it alike; different (a change committed since,
  // its invalidation not here yet), the bytes make the tag and the next pages read the version again.
  const versionAfter = db && versionBefore ? await contentVersion(db).catch(() => null) : null;
  if (versionAfter && versionAfter !== versionBefore) forgetSharedContentVersion();
  const render = {
    status: 200,
    headers: response.headers,
    body,
    cacheControl: decision.cacheControl,
    ttlMs: decision.ttlMs,
    etag:
      build && versionBefore && versionBefore === versionAfter
        ? versionEtag(decision.key, build, versionBefore)
        : undefined,
    souvenirId: context.locals.shownSouvenirId,
  };
  const entry = cache.store(decision.key, render, generation) ?? toCachedPage(decision.key, render, Date.now());
  return toWebResponse(answerFromStore(entry, request.method, ifNoneMatch));
});
