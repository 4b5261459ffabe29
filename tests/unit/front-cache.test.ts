import { describe, it, expect, beforeAll, afterAll, beforeEach, afterEach } from 'vitest';
import http from 'node:http';
import zlib from 'node:zlib';
import { frontHandler } from '../../scripts/lib/front-handler.ts';
import { createFrontCache } from '../../scripts/lib/front-cache.ts';
import { renderCache } from '../../src/lib/wall/render-cache.ts';
import type { CachedPage } from '../../src/lib/wall/render-cache.ts';
import { cacheDecision } from '../../src/lib/wall/cache-policy.ts';
import { linkOrigin, parsePublicOrigin, sendsHsts } from '../../src/lib/security/public-origin.ts';
import { HSTS } from '../../src/lib/security/headers.ts';
import { listenLocally, closeServer } from '../helpers/local-server.ts';

const PAGE = `<!doctype html><title>Mur</title>${'<p>Un souvenir du mur.</p>'.repeat(200)}`;

/**
 * Stands in for Astro: renders slowly and stores what it renders in the render cache the way
 * src/lib/wall/page-cache-middleware.ts does, with the headers the middleware would have set.
 */
let renders = 0;
function fakeAstro(req: http.IncomingMessage, res: http.ServerResponse) {
  renders++;
  setTimeout(() => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const decision = cacheDecision(req.method ?? 'GET', url, req.headers.cookie);
    const headers: Array<[string, string]> = [
      ['content-type', 'text/html; charset=utf-8'],
      ['content-security-policy', "script-src 'self' 'sha256-abc'; frame-ancestors 'none';"],
      ['x-frame-options', 'DENY'],
    ];
    if (decision.action === 'cache' && req.method === 'GET') {
      const cache = renderCache();
      cache.store(
        decision.key,
        { status: 200, headers, body: Buffer.from(PAGE), cacheControl: decision.cacheControl, ttlMs: null },
        cache.generation,
      );
    }
    res.writeHead(200, Object.fromEntries([...headers, ['x-rendered-by', 'astro']]));
    res.end(req.method === 'HEAD' ? undefined : PAGE);
  }, 20);
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

let origin = '';
function request(path: string, options: { method?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${origin}${path}`,
      { method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('front cache before Astro', () => {
  let server: http.Server;

  beforeAll(async () => {
    server = http.createServer(frontHandler(fakeAstro, {}));
    origin = await listenLocally(server);
  });

  afterAll(() => closeServer(server));

  beforeEach(() => {
    renderCache().setAccepting(true);
    renders = 0;
  });

  it('answers the next visitors from the cache, in gzip then in brotli once asked again, with the headers Astro sent', async () => {
    const first = await request('/');
    expect(first.headers['x-rendered-by']).toBe('astro');
    const browser = { headers: { 'accept-encoding': 'gzip, deflate, br' } };
    const gzipped = await request('/', browser);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzipped.body).toString()).toBe(PAGE);
    // Asked in brotli again: its brotli copy is made, and answered once ready.
    await request('/', browser);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await request('/', browser);
    expect(renders).toBe(1);
    expect(second.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(second.body).toString()).toBe(PAGE);
    expect(second.headers['content-security-policy']).toContain("'sha256-abc'");
    expect(second.headers['x-frame-options']).toBe('DENY');
    expect(second.headers.vary).toBe('Accept-Encoding');
    expect(second.headers['cache-control']).toBe('public, max-age=0, must-revalidate');
    expect(second.headers.etag).toMatch(/^".+-br"$/);
  });

  it('answers gzip to a client without brotli and the plain bytes to one without either', async () => {
    await request('/en/');
    const gzip = await request('/en/', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gzip.body).toString()).toBe(PAGE);
    const plain = await request('/en/', { headers: { 'accept-encoding': 'br;q=0, gzip;q=0' } });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(PAGE);
    expect(renders).toBe(1);
  });

  it('answers 304 to a client holding the page, whatever the encoding it was sent in', async () => {
    await request('/');
    // Brotli only, not gzip: the brotli copy is made at once.
    const held = await request('/', { headers: { 'accept-encoding': 'br' } });
    expect(held.headers['content-encoding']).toBe('br');
    const again = await request('/', { headers: { 'accept-encoding': 'gzip', 'if-none-match': held.headers.etag! } });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toMatch(/-gz"$/);
  });

  it('answers HEAD with the headers only', async () => {
    await request('/');
    const head = await request('/', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(Buffer.byteLength(PAGE));
    expect(head.body.length).toBe(0);
  });

  it('hands a signed-in moderator, a POST and an uncached page to Astro', async () => {
    await request('/');
    expect(renders).toBe(1);
    await request('/', { headers: { cookie: 'mur_layout=encadre; session=abc' } });
    await request('/', { headers: { cookie: '__Host-session=abc' } });
    await request('/', { method: 'POST' });
    await request('/partager');
    await request('/?x=1');
    expect(renders).toBe(6);
  });

  it('renders again after an invalidation, once for many visitors arriving together', async () => {
    await request('/');
    renderCache().invalidateAll();
    renders = 0;
    const answers = await Promise.all(Array.from({ length: 8 }, () => request('/')));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(renders).toBe(1);
  });
});

/**
 * Issue 13, point 7: a page rendered for one Host or protocol must not be answered to visitors
 * of another. This Astro stands in for one built with `security.allowedDomains` (it takes a
 * proxy's X-Forwarded-Proto, as Astro then does) and writes its links and HSTS the way
 * src/middleware.ts and LanguageAlternates.astro do.
 */
describe('front cache and the origin pages are written for', () => {
  let server: http.Server;
  let publicOrigin: string | undefined;

  function originAwareAstro(req: http.IncomingMessage, res: http.ServerResponse) {
    renders++;
    const proto = req.headers['x-forwarded-proto'] === 'https' ? 'https' : 'http';
    const url = new URL(req.url ?? '/', `${proto}://${req.headers.host}`);
    const links = linkOrigin(publicOrigin, url);
    const body = `<!doctype html><link rel="alternate" hreflang="fr" href="${links}/">`;
    const headers: Array<[string, string]> = [['content-type', 'text/html; charset=utf-8']];
    if (sendsHsts(publicOrigin, url)) headers.push(['strict-transport-security', HSTS]);
    const decision = cacheDecision(req.method ?? 'GET', url, req.headers.cookie, publicOrigin);
    if (decision.action === 'cache') {
      const cache = renderCache();
      cache.store(
        decision.key,
        { status: 200, headers, body: Buffer.from(body), cacheControl: decision.cacheControl, ttlMs: null },
        cache.generation,
      );
    }
    res.writeHead(200, Object.fromEntries(headers));
    res.end(body);
  }

  async function start(env: Record<string, string>) {
    // As the runtime reads it for Astro (src/lib/runtime.ts).
    publicOrigin = parsePublicOrigin(env.PUBLIC_ORIGIN);
    server = http.createServer(frontHandler(originAwareAstro, env));
    origin = await listenLocally(server);
  }

  beforeEach(() => {
    renderCache().setAccepting(true);
    renders = 0;
  });

  afterEach(() => closeServer(server));

  it('without PUBLIC_ORIGIN, never answers a proxied https visitor the page a direct http request left', async () => {
    await start({});
    const direct = await request('/', { headers: { host: 'memoire.example.org' } });
    expect(direct.body.toString()).toContain('href="http://memoire.example.org/"');
    const proxied = await request('/', { headers: { host: 'memoire.example.org', 'x-forwarded-proto': 'https' } });
    expect(proxied.body.toString()).toContain('href="https://memoire.example.org/"');
    expect(proxied.headers['strict-transport-security']).toBe(HSTS);
  });

  it('with PUBLIC_ORIGIN, keeps one page for every Host, written for the public origin', async () => {
    await start({ PUBLIC_ORIGIN: 'https://memoire.example.org/' });
    const foreign = await request('/', { headers: { host: 'evil.example' } });
    const direct = await request('/');
    const proxied = await request('/', { headers: { host: 'memoire.example.org', 'x-forwarded-proto': 'https' } });
    expect(renders).toBe(1);
    for (const answer of [foreign, direct, proxied]) {
      expect(answer.body.toString()).toContain('href="https://memoire.example.org/"');
      expect(answer.headers['strict-transport-security']).toBe(HSTS);
    }
  });
});

/** Issue 19: a page no cache holds made without Astro when a `fill` can (deep wall pages from their shell). */
describe('front cache making pages without Astro', () => {
  let server: http.Server;
  let fills = 0;
  let made: 'page' | 'none' | 'fails' = 'page';
  /** How each request was handled (front-cache.ts's Handled), for the metrics. */
  let handled: unknown[] = [];

  /** Stands in for src/lib/wall/shell-fill.ts: keeps the page it makes in the render cache, as it does. */
  function fill(url: URL, key: string): Promise<CachedPage | null> | null {
    if (!url.searchParams.has('avant')) return null;
    fills++;
    return new Promise((resolve, reject) =>
      setTimeout(() => {
        if (made === 'fails') return reject(new Error('database unreachable'));
        if (made === 'none') return resolve(null);
        const cache = renderCache();
        const page = {
          status: 200,
          headers: [['content-type', 'text/html']] as Array<[string, string]>,
          body: Buffer.from(`${PAGE}<p>${url.search}</p>`),
        };
        resolve(
          cache.store(
            key,
            { ...page, cacheControl: 'public, max-age=0, must-revalidate', ttlMs: null },
            cache.generation,
          ),
        );
      }, 20),
    );
  }

  beforeAll(async () => {
    const front = createFrontCache({ fill });
    server = http.createServer((req, res) => {
      const served = front.handle(req, res);
      if (served === false || served === 'pass') return fakeAstro(req, res);
      handled.push(served);
      if (served instanceof Promise)
        void served.then((done) => (handled.push(done), done ? undefined : fakeAstro(req, res)));
    });
    origin = await listenLocally(server);
  });

  afterAll(() => closeServer(server));

  beforeEach(() => {
    renderCache().setAccepting(true);
    renderCache().invalidateAll();
    renders = 0;
    fills = 0;
    made = 'page';
    handled = [];
  });

  it('answers the page it made, once for visitors arriving together, and keeps it', async () => {
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => request('/?avant=abc.1', { headers: { 'accept-encoding': 'br' } })),
    );
    expect(fills).toBe(1);
    expect(renders).toBe(0);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(zlib.brotliDecompressSync(answer.body).toString()).toBe(`${PAGE}<p>?avant=abc.1</p>`);
    }
    const plain = await request('/?avant=abc.1');
    expect(plain.body.toString()).toBe(`${PAGE}<p>?avant=abc.1</p>`);
    expect(plain.headers.etag).toBe(answers[0]!.headers.etag!.replace(/-br"$/, '"'));
    expect(fills).toBe(1);
    // The metrics tell a page made from a shell from one found in the cache.
    expect(handled.filter((h) => h === 'filled')).toHaveLength(1);
    expect(handled.filter((h) => h === true).length).toBeGreaterThanOrEqual(1);
  });

  it('leaves to Astro a page it cannot make, or could not for a failure', async () => {
    expect((await request('/')).headers['x-rendered-by']).toBe('astro');
    made = 'none';
    expect((await request('/?avant=abc.2')).headers['x-rendered-by']).toBe('astro');
    made = 'fails';
    const failed = await request('/?avant=abc.3');
    expect(failed.status).toBe(200);
    expect(failed.headers['x-rendered-by']).toBe('astro');
    expect(fills).toBe(2);
    expect(renders).toBe(3);
  });
});
