/**
 * PUBLIC_ORIGIN as an origin (`https://memoire.example.org`, no path or trailing slash), or
 * undefined when unset. Throws at start on a value that is not an http(s) origin: every absolute
 * link of the public pages is built from it, so a typo would otherwise break them all.
 */
export function parsePublicOrigin(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://memoire.example.org, not "${value}".`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`PUBLIC_ORIGIN must start with https:// or http://, not "${value}".`);
  }
  return url.origin;
}

/**
 * The origin absolute links are written with (canonical, hreflang, feeds, the author's link):
 * the configured one when there is one, so that a page reads the same whatever Host or protocol
 * the request that rendered it had — cached pages are shared by every visitor
 * (wall/cache-policy.ts) — and the request's own otherwise.
 */
export function linkOrigin(publicOrigin: string | undefined, url: URL): string {
  return publicOrigin ?? url.origin;
}

/**
 * Whether answers carry HSTS: when PUBLIC_ORIGIN is set, exactly when it is https (README), on
 * every answer whatever the request's protocol, so that a cached page says the same to everyone
 * (browsers ignore the header on a plain-http answer); when unset, when the request itself
 * arrived on https (a proxy's X-Forwarded-Proto that Astro trusted through `security.allowedDomains`).
 */
export function sendsHsts(publicOrigin: string | undefined, url?: URL): boolean {
  return publicOrigin !== undefined ? publicOrigin.startsWith('https:') : url?.protocol === 'https:';
}
