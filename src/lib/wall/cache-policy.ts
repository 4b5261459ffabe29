import { canonicalWallSearch, parseTag, parseYear } from './wall-query.ts';
import { WALL_PATHS, layoutRedirect } from './layout.ts';
import { SEARCH_PATHS, canonicalSearchQueryString } from '../search/search-query.ts';
import { PUBLIC_ID_SHAPE } from '../security/tokens.ts';

/** `Cache-Control` of cached public pages: browsers and proxies revalidate (cheap 304s) every time. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate';
/** The live figures island: the same for everyone, a few seconds old at most. */
export const LIVE_FIGURES_TTL_MS = 10_000;
export const LIVE_FIGURES_ISLAND = 'LiveFigures';
export const MODERATOR_ISLAND = 'ModeratorBarIsland';

export type CacheDecision =
  /** Not a cached page: Astro renders it as usual. */
  | { action: 'pass' }
  /**
   * The plain wall, for a visitor who chose the wide layout (layout.ts), answered 303 and never
   * stored; or, `permanent`, a shared link's address without its tracking parameters (301).
   */
  | { action: 'redirect'; location: string; permanent?: boolean }
  /** Served from the render cache under `key`, else rendered once and stored there. */
  | { action: 'cache'; key: string; cacheControl: string; ttlMs: number | null };

const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?session=/;

/** Whether a Cookie header carries Lucia's session cookie (`__Host-session` over https, `session` otherwise), checked or not. */
export function carriesSessionCookie(cookieHeader: string | null | undefined): boolean {
  return cookieHeader ? SESSION_COOKIE.test(cookieHeader) : false;
}

function embedSearch(params: URLSearchParams): string {
  const out = new URLSearchParams();
  const year = parseYear(params.get('annee'));
  const tag = parseTag(params.get('tag'));
  if (year !== null) out.set('annee', String(year));
  if (tag) out.set('tag', tag);
  const search = out.toString();
  return search ? `?${search}` : '';
}

/**
 * A souvenir's own page, French or English. Only its bare address is cached: every query it is
 * asked with (`?commentaire=` after a comment, `?bougie=`, `?signalement=`, `?repondre=`) says
 * something to one visitor, and such requests carry the private-link flash cookie's reading.
 */
export const SOUVENIR_PAGE_PATH = new RegExp(`^(?:/en)?/souvenirs/${PUBLIC_ID_SHAPE}$`);

/**
 * What social networks, search ads and mailing tools add to a link shared with them (Facebook adds
 * a new `fbclid` to every click): nothing on our pages reads them, and a page asked with them is
 * not a page the caches hold. A link shared widely during a commemoration would be made again for
 * every visitor (issue 19); it is sent once to its own address instead.
 */
const TRACKING = /^(?:utm_[a-z_]+|fbclid|gclid|gbraid|wbraid|dclid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid)$/i;

/** The address without its tracking parameters, or null when it has none. */
function withoutTracking(url: URL): string | null {
  const kept = new URLSearchParams();
  let dropped = false;
  for (const [name, value] of url.searchParams) {
    if (TRACKING.test(name)) dropped = true;
    else kept.append(name, value);
  }
  if (!dropped) return null;
  return kept.size ? `${url.pathname}?${kept}` : url.pathname;
}

/**
 * How a redirect decision is answered: a shared link's 301 holds for everyone (kept an hour); the
 * layout's 303 is one visitor's choice, never stored.
 */
export function redirectAnswer(decision: { location: string; permanent?: boolean }): {
  status: 301 | 303;
  headers: Record<string, string>;
} {
  return decision.permanent
    ? { status: 301, headers: { location: decision.location, 'cache-control': 'public, max-age=3600' } }
    : { status: 303, headers: { location: decision.location, 'cache-control': 'private, no-store' } };
}

/** The canonical query of a cacheable path, or null when the path is not cached. */
function canonicalSearch(pathname: string, params: URLSearchParams): string | null {
  if (WALL_PATHS.has(pathname)) return canonicalWallSearch(params);
  if (SOUVENIR_PAGE_PATH.test(pathname)) return '';
  // Search results change only when the wall does: the same invalidation empties them.
  if (SEARCH_PATHS.has(pathname)) return canonicalSearchQueryString(params);
  switch (pathname) {
    case '/embed':
    case '/en/embed':
      return embedSearch(params);
    case '/ecran':
    case '/en/ecran':
    case '/rss.xml':
    case '/en/rss.xml':
    case '/feed.json':
    case '/en/feed.json':
      return '';
    default:
      return null;
  }
}

/**
 * How a request is answered with respect to the render cache, from its method, URL and Cookie
 * header alone — so the same function serves Astro's middleware now and a node:http front server
 * before Astro later. Pages contain nothing per visitor: a URL is one page for everyone. Only
 * canonical URLs are cached (the links we write), so junk query strings cannot fill the cache.
 * The key starts with the origin the page's absolute links are built from (canonical, hreflang,
 * feeds; security/public-origin.ts): PUBLIC_ORIGIN when configured, so one entry per page serves
 * every Host and protocol alike, and a direct plain-http request cannot leave `http://` links
 * and no HSTS for the visitors behind the proxy; else the request's own protocol and host.
 */
export function cacheDecision(
  method: string,
  url: URL,
  cookieHeader: string | null | undefined,
  publicOrigin?: string,
): CacheDecision {
  if (method !== 'GET' && method !== 'HEAD') return { action: 'pass' };
  const origin = publicOrigin ?? `${url.protocol}//${url.host}`;
  if (url.pathname.startsWith('/_server-islands/')) {
    const name = url.pathname.slice('/_server-islands/'.length);
    if (name === LIVE_FIGURES_ISLAND) {
      return {
        action: 'cache',
        key: origin + url.pathname + url.search,
        cacheControl: 'public, max-age=10',
        ttlMs: LIVE_FIGURES_TTL_MS,
      };
    }
    // For a visitor the moderator bar is empty, whatever the props: one entry for all of them.
    if (name === MODERATOR_ISLAND && !carriesSessionCookie(cookieHeader)) {
      return {
        action: 'cache',
        key: `${origin}${url.pathname}#visitor`,
        cacheControl: 'private, no-store',
        ttlMs: null,
      };
    }
    return { action: 'pass' };
  }
  const search = canonicalSearch(url.pathname, url.searchParams);
  if (search === null) return { action: 'pass' };
  const untracked = withoutTracking(url);
  if (untracked !== null) return { action: 'redirect', location: untracked, permanent: true };
  const location = layoutRedirect(url, cookieHeader);
  if (location) return { action: 'redirect', location };
  if (url.search !== search) return { action: 'pass' };
  return { action: 'cache', key: origin + url.pathname + search, cacheControl: PUBLIC_PAGE_CACHE_CONTROL, ttlMs: null };
}
