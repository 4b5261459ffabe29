import { defineMiddleware, sequence } from 'astro:middleware';
import { redactToken } from './lib/security/redact.ts';
import { isCrossSiteWrite } from './lib/security/origin.ts';
import { missingSecurityHeaders } from './lib/security/headers.ts';
import { linkOrigin, sendsHsts } from './lib/security/public-origin.ts';
import { getRuntime, isConnectionLost } from './lib/runtime.ts';
import { loadSessionUser } from './lib/auth/request-session.ts';
import { pageCache } from './lib/wall/page-cache-middleware.ts';
import { ownWrites } from './lib/replica/own-writes-middleware.ts';
import { localeFromPath, t } from './lib/i18n/index.ts';
import { requestLocale, useLocale } from './lib/i18n/locals.ts';
import { shareRedirect } from './lib/flash/share-redirect.ts';

/**
 * Refuses cross-site writes of every content type (Astro's checkOrigin covers only form
 * posts; a JSON POST with a foreign or missing Origin passes it), then sets security headers,
 * on the refusal as on any page, without replacing those a page chose itself.
 */
const security = defineMiddleware(async (context, next) => {
  const publicOrigin = context.isPrerendered ? undefined : (await getRuntime()).publicOrigin;
  context.locals.origin = linkOrigin(publicOrigin, context.url);
  let response: Response;
  if (isCrossSiteWrite(context.request, context.url)) {
    // The path may carry an author's private token (/mes-souvenirs/…): never in a log line.
    console.warn(`[security] cross-site ${context.request.method} to ${redactToken(context.url.pathname)} refused`);
    response = new Response(t(localeFromPath(context.url.pathname), 'error.crossSite'), {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  } else {
    // A rewrite runs the middleware again with the same locals: validate the session only once.
    if ((context.locals as Partial<App.Locals>).user === undefined) {
      if (context.isPrerendered) context.locals.user = null;
      else await loadSessionUser(context);
    }
    response = await next();
  }
  const headers = response.headers;
  // A page made for a signed-in moderator must never be stored by a browser or a shared cache:
  // the one header set over the page's own, since it is the stricter.
  if (context.locals.user) headers.set('Cache-Control', 'private, no-store');
  // HSTS follows PUBLIC_ORIGIN as the README says, not only requests that arrived on https.
  const hsts = sendsHsts(publicOrigin, context.url);
  for (const [name, value] of missingSecurityHeaders((name) => headers.get(name), { hsts })) headers.set(name, value);
  const type = headers.get('content-type');
  if (type === 'text/html') headers.set('content-type', 'text/html; charset=utf-8');
  return response;
});

/**
 * A page whose database read failed even after its retry (db/connection-loss.ts) answers the calm
 * 503 page with Retry-After. Caught here because Astro's own error page keeps the status 500 of
 * the page that threw, whatever the error page sets.
 */
const databaseUnavailable = defineMiddleware(async (context, next) => {
  try {
    return await next();
  } catch (error) {
    if (!isConnectionLost(error)) throw error;
    console.error(
      `[db] ${context.request.method} ${routeOf(context.url.pathname)}: database unreachable, answered 503`,
    );
    return context.rewrite('/503');
  }
});

/** The first segment of a path: enough to tell where a failure was, never a private link. */
function routeOf(pathname: string): string {
  return `/${pathname.split('/').filter(Boolean)[0] ?? ''}`;
}

/**
 * Puts the request's locale and a bound `t` on `locals` for every page and component; a
 * `[...lang]` prefix we do not serve (/de/…) is a 404, in French like any unknown address.
 */
const i18n = defineMiddleware((context, next) => {
  const locale = requestLocale(context.params, context.originPathname);
  if (locale === null) return context.rewrite('/404');
  useLocale(context.locals, locale);
  return next();
});

// The page cache goes first: it stores responses as `security` finished them (wall/page-cache-middleware.ts).
// The locale comes last: a cached page never needs it, and a 404 rewrite still gets the headers.
// After a write, ownWrites marks the writer's next reads (replica/own-writes.ts), inside `security`'s refusal of cross-site ones.
// A database that cannot be reached turns into the 503 page inside `security`, so it has the headers.
// A souvenir shared is redirected last, with the locale known and no page rendered (flash/share-redirect.ts).
export const onRequest = sequence(pageCache, security, databaseUnavailable, ownWrites, i18n, shareRedirect);
