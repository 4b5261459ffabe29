import { defineMiddleware } from 'astro:middleware';
import { cacheDecision, redirectAnswer } from './cache-policy.ts';
import { renderCache } from './render-cache.ts';
import { answerFromStore, toWebResponse } from './http-cache.ts';
import { wallNotifications } from './invalidation.ts';
import { getRuntime } from '../runtime.ts';
import { buildIdentity } from './content-version.ts';
import { sharedContentVersion } from './shared-reads.ts';
import { storeFreshPage } from './store-render.ts';
import { publicReader } from '../replica/public-reader.ts';
import { deepWallRequest, wallShells } from './wall-shell.ts';
import { souvenirPageRequest, souvenirShells } from './souvenir-shell.ts';
import type { APIContext } from 'astro';
import { describeFailure } from '../ops/failure.ts';

/**
 * Keeps the page just rendered as its kind's shell, when it may be one and its kind has none yet
 * (asked before `keep`, which asks again, so that a page is decoded only when its kind needs it).
 */
function keepShell(context: APIContext, key: string, generation: number, response: Response, body: Uint8Array): void {
  const { wallShellSeed, souvenirShellSeed } = context.locals;
  const deep = wallShellSeed && deepWallRequest(context.url, key);
  if (wallShellSeed && deep && !wallShells().has(deep.shellKey, generation)) {
    wallShells().keep(deep, generation, response.headers, new TextDecoder().decode(body), wallShellSeed);
  }
  const own = souvenirShellSeed && souvenirPageRequest(context.url, key);
  if (souvenirShellSeed && own && !souvenirShells().has(own.shellKey, generation)) {
    souvenirShells().keep(own, generation, response.headers, new TextDecoder().decode(body), souvenirShellSeed);
  }
}

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
    const { status, headers } = redirectAnswer(decision);
    return new Response(null, { status, headers });
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
  // The page's own reader (replica/public-reader.ts): its version is the version of what the page shows.
  const db = decision.ttlMs === null && buildIdentity() ? await publicReader(request) : null;
  const versionBefore = db ? await sharedContentVersion(db).catch(() => null) : null;
  const response = await next();
  if (response.status !== 200 || request.method !== 'GET' || response.headers.has('set-cookie')) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  // A deep wall page becomes its view's shell, which the front cache fills for the others (wall-shell.ts).
  // Only from a render of the current generation: one begun before a change shows the wall as it was.
  // A souvenir's page asked at its bare address becomes its language's shell likewise (souvenir-shell.ts).
  if (cache.accepting && generation === cache.generation) {
    try {
      keepShell(context, decision.key, generation, response, body);
    } catch (error) {
      // The page itself is fine: it is answered, and the next one rendered whole tries again.
      console.error('[shells] could not cut a page into its shell:', describeFailure(error));
    }
  }
  const entry = await storeFreshPage({
    key: decision.key,
    headers: response.headers,
    body,
    cacheControl: decision.cacheControl,
    ttlMs: decision.ttlMs,
    generation,
    db,
    versionBefore,
    souvenirId: context.locals.shownSouvenirId,
    versionRead: context.locals.contentVersionRead,
  });
  return toWebResponse(answerFromStore(entry, request.method, ifNoneMatch));
});
