/**
 * The front cache: public pages answered from memory BEFORE Astro's request pipeline, which
 * costs about ten times a bare `node:http` answer (ARCHITECTURE.md, "Speed and scale").
 *
 * It keeps no pages of its own. It reads the wall's render cache (src/lib/wall/render-cache.ts,
 * one per process through globalThis), which Astro's outermost middleware fills with each page
 * as the rest of the pipeline finished it (security headers and the CSP with its script hashes
 * included) and which the process's one `wall_changed` listener empties. Which requests may be
 * answered, and under which key, is the same `cacheDecision` Astro's middleware uses. What this
 * layer adds: brotli and gzip copies of each entry (made once per entry, off the event loop),
 * an ETag per encoding, and one render at a time per page after a change.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheDecision } from '../../src/lib/wall/cache-policy.ts';
import { renderCache } from '../../src/lib/wall/render-cache.ts';
import type { CachedPage } from '../../src/lib/wall/render-cache.ts';
import { compressAll, pickEncoding } from './front-encoding.ts';
import type { Encoding } from './front-encoding.ts';

type Headers = Record<string, string>;

interface Prepared {
  full: Record<Encoding, { headers: Headers; body: Buffer }>;
  notModified: Record<Encoding, Headers>;
  /** The entry's ETag without quotes, W/ or encoding suffix, for If-None-Match. */
  opaque: string;
}

/** Lucia's cookie (src/lib/auth/lucia.ts): `__Host-session` over https, `session` otherwise. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?session=/;
/** What a 304 repeats of the full answer (RFC 9110, 15.4.5). */
const KEPT_ON_304 = new Set(['cache-control', 'content-location', 'etag', 'expires', 'vary']);
const SUFFIX: Record<Encoding, string> = { identity: '', br: '-br', gzip: '-gz' };

function opaqueTag(tag: string): string {
  return tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"|"$/g, '')
    .replace(/-(br|gz)$/, '');
}

async function prepare(entry: CachedPage): Promise<Prepared> {
  const base: Headers = {};
  for (const [name, value] of entry.headers) base[name] = base[name] ? `${base[name]}, ${value}` : value;
  base.vary = base.vary ? `${base.vary}, Accept-Encoding` : 'Accept-Encoding';
  const bodies = await compressAll(Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength));
  const full = {} as Prepared['full'];
  const notModified = {} as Prepared['notModified'];
  for (const encoding of ['identity', 'br', 'gzip'] as const) {
    const body = bodies[encoding];
    const headers: Headers = {
      ...base,
      etag: entry.etag.replace(/"$/, `${SUFFIX[encoding]}"`),
      'content-length': String(body.length),
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    full[encoding] = { headers, body };
    notModified[encoding] = Object.fromEntries(Object.entries(headers).filter(([name]) => KEPT_ON_304.has(name)));
  }
  return { full, notModified, opaque: opaqueTag(entry.etag) };
}

function send(req: IncomingMessage, res: ServerResponse, status: number, prepared: Prepared): void {
  const encoding = pickEncoding(req.headers['accept-encoding']);
  const ifNoneMatch = req.headers['if-none-match'];
  if (
    ifNoneMatch &&
    (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaqueTag(tag) === prepared.opaque))
  ) {
    res.writeHead(304, prepared.notModified[encoding]);
    res.end();
    return;
  }
  const variant = prepared.full[encoding];
  res.writeHead(status, variant.headers);
  res.end(req.method === 'HEAD' ? undefined : variant.body);
}

export interface FrontCache {
  /**
   * Answers the request from the render cache and returns true, or returns false and leaves it
   * untouched for Astro. A promise when it waited for another request's render of the same page.
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean | Promise<boolean>;
  /** Whether the request is for a page this cache may hold (a miss rather than a bypass, in the metrics). */
  cacheable(req: IncomingMessage): boolean;
}

export interface FrontCacheOptions {
  /** PUBLIC_ORIGIN, parsed (src/lib/security/public-origin.ts): the origin cache keys start with. */
  publicOrigin?: string | undefined;
}

/** Headers with which a proxy tells Astro the visitor's protocol and host (trusted through `security.allowedDomains`). */
const FORWARDED = ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port'] as const;

export function createFrontCache(options: FrontCacheOptions = {}): FrontCache {
  const { publicOrigin } = options;
  const cache = renderCache();
  // Entries are replaced, never changed: the compressed copies live exactly as long as theirs.
  const prepared = new WeakMap<CachedPage, Prepared | Promise<Prepared>>();
  /** Pages being rendered by Astro for a miss; other misses of the same page wait for it. */
  const rendering = new Map<string, Promise<void>>();

  function keyOf(req: IncomingMessage): string | null {
    const cookie = req.headers.cookie;
    if (cookie && SESSION_COOKIE.test(cookie)) return null;
    // Without PUBLIC_ORIGIN the key is the origin Astro saw, and Astro takes a proxy's forwarded
    // protocol and host when `security.allowedDomains` matches them, which this layer cannot know:
    // such requests go to Astro, whose middleware keys them right, rather than being answered a
    // page rendered for a direct plain-http request (`http://` links, no HSTS).
    if (publicOrigin === undefined && FORWARDED.some((name) => req.headers[name] !== undefined)) return null;
    let url: URL;
    try {
      // Astro builds its URL the same way for a plain node:http server (no forwarded headers).
      url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
    } catch {
      return null;
    }
    const decision = cacheDecision(req.method ?? 'GET', url, cookie, publicOrigin);
    return decision.action === 'cache' ? decision.key : null;
  }

  function answer(req: IncomingMessage, res: ServerResponse, entry: CachedPage): boolean | Promise<boolean> {
    let ready = prepared.get(entry);
    if (!ready) {
      ready = prepare(entry).then((done) => {
        prepared.set(entry, done);
        return done;
      });
      prepared.set(entry, ready);
    }
    if (!(ready instanceof Promise)) {
      send(req, res, entry.status, ready);
      return true;
    }
    return ready.then((done) => {
      send(req, res, entry.status, done);
      return true;
    });
  }

  function lookupOrWait(
    req: IncomingMessage,
    res: ServerResponse,
    key: string,
    waited: boolean,
  ): boolean | Promise<boolean> {
    const entry = cache.lookup(key);
    if (entry) return answer(req, res, entry);
    const inFlight = rendering.get(key);
    if (inFlight && !waited) return inFlight.then(() => lookupOrWait(req, res, key, true));
    if (!inFlight && req.method === 'GET') {
      // This request goes to Astro, whose middleware stores the page; the next ones wait for it.
      let done: () => void = () => {};
      rendering.set(key, new Promise<void>((resolve) => (done = resolve)));
      res.once('close', () => {
        rendering.delete(key);
        done();
      });
    }
    return false;
  }

  return {
    handle(req, res) {
      const key = keyOf(req);
      return key === null ? false : lookupOrWait(req, res, key, false);
    },
    cacheable: (req) => keyOf(req) !== null,
  };
}
