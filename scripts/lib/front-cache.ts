/**
 * The front cache: public pages answered from memory BEFORE Astro's request pipeline, which
 * costs about ten times a bare `node:http` answer (ARCHITECTURE.md, "Speed and scale").
 *
 * It keeps no pages of its own. It reads the wall's render cache (src/lib/wall/render-cache.ts,
 * one per process through globalThis), which Astro's outermost middleware fills with each page
 * as the rest of the pipeline finished it (security headers and the CSP with its script hashes
 * included) and which the process's one `wall_changed` listener empties. Which requests may be
 * answered, and under which key, is the same `cacheDecision` Astro's middleware uses. What this
 * layer adds: brotli and gzip copies of each entry (made once per entry and encoding asked for,
 * off the event loop), an ETag per encoding, one render at a time per page after a change, and
 * pages made without Astro when a `fill` can (deep wall pages from their view's shell).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { cacheDecision, carriesSessionCookie, redirectAnswer } from '../../src/lib/wall/cache-policy.ts';
import type { CacheDecision } from '../../src/lib/wall/cache-policy.ts';
import { renderCache } from '../../src/lib/wall/render-cache.ts';
import type { CachedPage } from '../../src/lib/wall/render-cache.ts';
import { compress, pickEncodings } from './front-encoding.ts';
import type { Encoding, EncodingChoice } from './front-encoding.ts';
import { QUEUE_FULL } from './render-slots.ts';
import type { RenderSlots } from './render-slots.ts';
import { answerBusy } from './plain-notice.ts';

type Headers = Record<string, string>;

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

interface Variant {
  headers: Headers;
  body: Buffer;
}

interface Prepared {
  identity: Variant;
  /**
   * The compressed copies, each made the first time a client asks for it: a page a crawler asks
   * for once is compressed at most once, in the encoding it asked for (issue 19).
   */
  compressed: { br?: Variant | Promise<Variant>; gzip?: Variant | Promise<Variant> };
  /** Requests that would have taken brotli so far (chooseVariant). */
  askedForBrotli: number;
  notModified: Record<Encoding, Headers>;
  /** The entry's ETag without quotes, W/ or encoding suffix, for If-None-Match. */
  opaque: string;
}

function variantHeaders(base: Headers, etag: string, encoding: Encoding, length: number): Headers {
  const headers: Headers = {
    ...base,
    etag: etag.replace(/"$/, `${SUFFIX[encoding]}"`),
    'content-length': String(length),
  };
  if (encoding !== 'identity') headers['content-encoding'] = encoding;
  return headers;
}

function prepare(entry: CachedPage): Prepared {
  const base: Headers = {};
  for (const [name, value] of entry.headers) base[name] = base[name] ? `${base[name]}, ${value}` : value;
  base.vary = base.vary ? `${base.vary}, Accept-Encoding` : 'Accept-Encoding';
  const body = Buffer.from(entry.body.buffer, entry.body.byteOffset, entry.body.byteLength);
  const notModified = {} as Prepared['notModified'];
  for (const encoding of ['identity', 'br', 'gzip'] as const) {
    const headers = variantHeaders(base, entry.etag, encoding, 0);
    notModified[encoding] = Object.fromEntries(Object.entries(headers).filter(([name]) => KEPT_ON_304.has(name)));
  }
  return {
    identity: { headers: variantHeaders(base, entry.etag, 'identity', body.length), body },
    compressed: {},
    askedForBrotli: 0,
    notModified,
    opaque: opaqueTag(entry.etag),
  };
}

/** The entry's copy in `encoding`, or the promise of it while it is being compressed. */
function variant(entry: CachedPage, prepared: Prepared, encoding: Encoding): Variant | Promise<Variant> {
  if (encoding === 'identity') return prepared.identity;
  const known = prepared.compressed[encoding];
  if (known) return known;
  const base = prepared.identity.headers;
  const made = compress(prepared.identity.body, encoding).then(
    (body) => {
      const done = { headers: variantHeaders(base, entry.etag, encoding, body.length), body };
      prepared.compressed[encoding] = done;
      return done;
    },
    (error: unknown) => {
      // Not kept: the next request in this encoding tries again.
      delete prepared.compressed[encoding];
      throw error;
    },
  );
  prepared.compressed[encoding] = made;
  return made;
}

function write(req: IncomingMessage, res: ServerResponse, status: number, chosen: Variant): true {
  res.writeHead(status, chosen.headers);
  res.end(req.method === 'HEAD' ? undefined : chosen.body);
  return true;
}

/**
 * The copy to answer with. Brotli keeps the event loop busy about 1.7 ms for an 80 kB page even on
 * the thread pool, against a fraction of that for gzip at the pages' level (front-encoding.ts), for
 * a smaller copy: until a page's brotli copy is ready, a client that takes gzip gets gzip. That
 * copy is made only once the page is asked for in brotli a second time: a crawler asks each page
 * once, visitors ask for the wall thousands of times.
 */
function answerEncoding({ best, withoutBrotli }: EncodingChoice, prepared: Prepared): Encoding {
  if (best !== 'br' || withoutBrotli === 'identity') return best;
  const brotli = prepared.compressed.br;
  return brotli && !(brotli instanceof Promise) ? 'br' : withoutBrotli;
}

function chooseVariant(req: IncomingMessage, entry: CachedPage, prepared: Prepared): Variant | Promise<Variant> {
  const choice = pickEncodings(req.headers['accept-encoding']);
  const encoding = answerEncoding(choice, prepared);
  const wantsBrotli = choice.best === 'br' && encoding !== 'br';
  if (wantsBrotli && prepared.askedForBrotli++ > 0) Promise.resolve(variant(entry, prepared, 'br')).catch(() => {});
  return variant(entry, prepared, encoding);
}

function send(req: IncomingMessage, res: ServerResponse, entry: CachedPage, prepared: Prepared): true | Promise<true> {
  const ifNoneMatch = req.headers['if-none-match'];
  if (
    ifNoneMatch &&
    (ifNoneMatch.trim() === '*' || ifNoneMatch.split(',').some((tag) => opaqueTag(tag) === prepared.opaque))
  ) {
    // With the tag of the copy a 200 would have carried (RFC 9110, 15.4.5).
    res.writeHead(304, prepared.notModified[answerEncoding(pickEncodings(req.headers['accept-encoding']), prepared)]);
    res.end();
    return true;
  }
  const chosen = chooseVariant(req, entry, prepared);
  return chosen instanceof Promise
    ? chosen.then((done) => write(req, res, entry.status, done))
    : write(req, res, entry.status, chosen);
}

/**
 * How a request was handled: from the cache (true), made here from a shell (`filled`), left to
 * Astro (false), given up because the visitor left while another request made the page (`gone`),
 * or told to come back because too many requests waited for a render (`busy`, a 503).
 */
export type Handled = boolean | 'filled' | 'gone' | 'busy';

export interface FrontCache {
  /**
   * Answers the request from the render cache and returns true, or returns false and leaves it
   * untouched for Astro (a page this cache may hold: a miss); `pass` for a request no cache holds
   * (a form, a write, a private page: a bypass, untouched too); `redirect` when it sent it on (a
   * shared link's tracking parameters, the wide layout's choice). A promise when it waited for
   * another request's render of the same page, or made the page from a shell (then `filled`).
   */
  handle(req: IncomingMessage, res: ServerResponse): boolean | 'pass' | 'redirect' | Promise<Handled>;
}

export interface FrontCacheOptions {
  /** PUBLIC_ORIGIN, parsed (src/lib/security/public-origin.ts): the origin cache keys start with. */
  publicOrigin?: string | undefined;
  /**
   * Makes a page no cache holds without Astro, when it can (a deep wall page or a souvenir's page
   * from its kind's shell: src/lib/wall/shell-fill.ts): null at once when it cannot, else the kept entry, or null
   * when it found it could not after all. Astro renders whatever it does not make.
   */
  fill?: (url: URL, key: string, cookieHeader: string | undefined) => Promise<CachedPage | null> | null;
  /** How many pages no cache holds are made at once, from a shell or by Astro (render-slots.ts); no limit without. */
  slots?: RenderSlots;
}

/** Headers with which a proxy tells Astro the visitor's protocol and host (trusted through `security.allowedDomains`). */
const FORWARDED = ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port'] as const;

export function createFrontCache(options: FrontCacheOptions = {}): FrontCache {
  const { publicOrigin, fill, slots } = options;
  const cache = renderCache();
  // Entries are replaced, never changed: the copies live exactly as long as theirs.
  const prepared = new WeakMap<CachedPage, Prepared>();
  /** Pages being rendered by Astro for a miss; other misses of the same page wait for it. */
  const rendering = new Map<string, Promise<void>>();

  function decisionOf(req: IncomingMessage): { decision: CacheDecision; url: URL } | null {
    const cookie = req.headers.cookie;
    if (carriesSessionCookie(cookie)) return null;
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
    return { decision: cacheDecision(req.method ?? 'GET', url, cookie, publicOrigin), url };
  }

  function answer(req: IncomingMessage, res: ServerResponse, entry: CachedPage): true | Promise<true> {
    let ready = prepared.get(entry);
    if (!ready) prepared.set(entry, (ready = prepare(entry)));
    return send(req, res, entry, ready);
  }

  /** Marks `key` as being made for this request: other misses of it wait until this answer is sent. */
  function making(key: string, res: ServerResponse): void {
    let done: () => void = () => {};
    rendering.set(key, new Promise<void>((resolve) => (done = resolve)));
    res.once('close', () => {
      rendering.delete(key);
      done();
    });
  }

  function lookupOrWait(
    req: IncomingMessage,
    res: ServerResponse,
    page: { key: string; url: URL },
    waited: boolean,
  ): boolean | Promise<Handled> {
    const { key } = page;
    const entry = cache.lookup(key);
    if (entry) return answer(req, res, entry);
    // Left while another request made the page: nothing to make it for (nor a slot to hold).
    if (res.closed) return Promise.resolve('gone');
    const inFlight = rendering.get(key);
    if (inFlight && !waited) return inFlight.then(() => lookupOrWait(req, res, page, true));
    // Astro renders it, in its turn like any page made here.
    if (inFlight || req.method !== 'GET') return inTurn(req, res, () => false);
    // Made here from a shell, or else by Astro, whose middleware stores it: the next ones wait for it.
    making(key, res);
    return inTurn(req, res, () => make(req, res, page));
  }

  /** `then` once a render slot is this answer's (at once when one is free, or without slots); a 503 when too many wait. */
  function inTurn(
    req: IncomingMessage,
    res: ServerResponse,
    then: () => false | Promise<Handled>,
  ): false | Promise<Handled> {
    const turn = slots?.take(res);
    if (turn === QUEUE_FULL) return Promise.resolve(answerBusy(req, res));
    return turn ? turn.then(then) : then();
  }

  /** Makes the page from its shell, or leaves it to Astro (false). */
  function make(req: IncomingMessage, res: ServerResponse, page: { key: string; url: URL }): false | Promise<Handled> {
    const filling = fill?.(page.url, page.key, req.headers.cookie);
    if (!filling) return false;
    return filling.then(
      (made) => (made ? Promise.resolve(answer(req, res, made)).then(() => 'filled' as const) : false),
      (error: unknown) => {
        // Astro renders it instead: its render reads again, and answers the 503 page if it must.
        console.error('[front-cache] could not make the page from its shell:', (error as Error).message);
        return false;
      },
    );
  }

  return {
    handle(req, res) {
      const decided = decisionOf(req);
      if (!decided || decided.decision.action === 'pass') return 'pass';
      const { decision, url } = decided;
      if (decision.action === 'cache') return lookupOrWait(req, res, { key: decision.key, url }, false);
      // A shared link's tracking parameters, or the wide layout's choice: sent on without a render.
      const { status, headers } = redirectAnswer(decision);
      res.writeHead(status, headers).end();
      return 'redirect';
    },
  };
}
