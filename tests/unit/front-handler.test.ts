/**
 * The front handler puts every visitor's page into the render slots' turn, not only those a cache
 * may keep (render-slots.ts): an address with a query no cache keeps is a render too.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { frontHandler } from '../../scripts/lib/front-handler.ts';
import { metricsEndpoint } from '../../scripts/lib/metrics.ts';
import { renderSlotsReading } from '../../scripts/lib/render-slots.ts';
import { renderCache } from '../../src/lib/wall/render-cache.ts';
import { listenLocally, closeServer } from '../helpers/local-server.ts';

describe('the front handler and pages no cache keeps', () => {
  let server: http.Server;
  let origin = '';
  let running = 0;
  let most = 0;
  const streams: http.ServerResponse[] = [];

  /** Stands in for Astro: slow pages, an event stream whose head goes at once, a quick health check. */
  function astro(req: http.IncomingMessage, res: http.ServerResponse) {
    if (req.url === '/flux') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(': open\n\n');
      streams.push(res);
      return;
    }
    if (req.url === '/healthz' || req.method === 'POST') {
      res.writeHead(200).end('ok');
      return;
    }
    running++;
    most = Math.max(most, running);
    // Slower for the signed-in lane's flood, so that it is all there before the first is made.
    const ms = req.url?.startsWith('/?signed=') ? 150 : 40;
    setTimeout(() => {
      running--;
      res.writeHead(200, { 'content-type': 'text/html' }).end(`<p>${req.url}</p>`);
    }, ms);
  }

  const get = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${origin}${path}`, init);
    return { status: response.status, body: await response.text(), retry: response.headers.get('retry-after') };
  };

  beforeAll(async () => {
    renderCache().setAccepting(true);
    const handler = frontHandler(astro, { RENDER_SLOTS: '1', RENDER_QUEUE: '1' });
    server = http.createServer((req, res) => metricsEndpoint(req, res, undefined) || handler(req, res));
    origin = await listenLocally(server);
  });

  afterAll(async () => {
    for (const stream of streams) stream.end();
    await closeServer(server);
  });

  it('renders such pages one at a time, and tells the one past the queue to come back', async () => {
    const answers = await Promise.all(['/?x=1', '/?x=2', '/?x=3'].map((path) => get(path)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 200, 503]);
    expect(answers.find((answer) => answer.status === 503)).toMatchObject({ retry: '5' });
    expect(most).toBe(1);
    expect(renderSlotsReading()).toMatchObject({ busy: 0, waiting: 0, queue: 1 });
  });

  it('gives the slot back as an event stream’s head is written, and never makes the health check or a write wait', async () => {
    const stream = new AbortController();
    const opened = await fetch(`${origin}/flux`, { signal: stream.signal });
    expect(opened.status).toBe(200);
    expect(await get('/?x=4')).toMatchObject({ status: 200, body: '<p>/?x=4</p>' });
    // A page being made and one waiting: the health check and a POST are answered at once.
    const making = get('/?x=5');
    const waiting = get('/?x=6');
    while (renderSlotsReading().waiting !== 1) await new Promise((resolve) => setTimeout(resolve, 2));
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/partager', { method: 'POST', body: 'a=b' })).status).toBe(200);
    expect((await Promise.all([making, waiting])).map((answer) => answer.status)).toEqual([200, 200]);
    stream.abort();
    expect(renderSlotsReading()).toMatchObject({ busy: 0, waiting: 0 });
  });

  it('holds pages sent with a session cookie to a lane of their own, so a bogus cookie passes no limit', async () => {
    most = 0;
    const cookie = { headers: { cookie: 'session=not-a-real-one' } };
    const answers = await Promise.all(Array.from({ length: 70 }, (_, i) => get(`/?signed=${i}`, cookie)));
    const statuses = answers.map((answer) => answer.status);
    // Two at once, fifty waiting at most: those past them are told to come back.
    expect(most).toBe(2);
    expect(statuses.filter((status) => status === 503).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 200 || status === 503)).toBe(true);
  });

  it('sends a shared link on without its tracking parameters, making nothing', async () => {
    most = 0;
    const shared = await fetch(`${origin}/souvenirs/AbCdEfGhIjKl?fbclid=IwAR0abc&utm_source=facebook`, {
      redirect: 'manual',
    });
    expect([shared.status, shared.headers.get('location'), shared.headers.get('cache-control')]).toEqual([
      301,
      '/souvenirs/AbCdEfGhIjKl',
      'public, max-age=3600',
    ]);
    expect(await shared.text()).toBe('');
    expect(most).toBe(0);
  });

  it('counts a page the cache may hold as a miss, and a form, a write, a signed-in or an unknown address as a bypass', async () => {
    const counted = async () => {
      const text = (await get('/metrics')).body;
      const count = (result: string) =>
        Number(new RegExp(`^mur_front_cache_total\\{result="${result}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
      return { miss: count('miss'), bypass: count('bypass') };
    };
    const before = await counted();
    await get('/');
    await get('/?x=counted');
    await get('/partager');
    await get('/', { method: 'POST', body: 'a=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    await get('/', { headers: { cookie: 'session=abc' } });
    const after = await counted();
    expect({ miss: after.miss - before.miss, bypass: after.bypass - before.bypass }).toEqual({ miss: 1, bypass: 4 });
  });
});
