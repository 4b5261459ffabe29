import { describe, it, expect, beforeAll, afterAll, beforeEach } from 'vitest';
import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { ServerResponse } from 'node:http';
import {
  DEFAULT_RENDER_QUEUE,
  DEFAULT_RENDER_SLOTS,
  QUEUE_FULL,
  RenderSlots,
  renderSlotsFrom,
} from '../../scripts/lib/render-slots.ts';
import { createFrontCache } from '../../scripts/lib/front-cache.ts';
import { renderCache } from '../../src/lib/wall/render-cache.ts';
import type { CachedPage } from '../../src/lib/wall/render-cache.ts';
import { listenLocally, closeServer } from '../helpers/local-server.ts';

/** What RenderSlots reads of an answer: its 'close', `closed` and `end`. */
function answer(): ServerResponse & { close(): void; ended: boolean } {
  const emitter = new EventEmitter() as unknown as ServerResponse & { close(): void; ended: boolean; closed: boolean };
  emitter.closed = false;
  emitter.ended = false;
  emitter.close = () => {
    emitter.closed = true;
    emitter.emit('close');
  };
  (emitter as ServerResponse).end = (() => {
    emitter.ended = true;
    return emitter;
  }) as ServerResponse['end'];
  return emitter;
}

/** The promise of a turn `take` gave: a test that expects one fails on null or QUEUE_FULL. */
function turnOf(slots: RenderSlots, res: ServerResponse): Promise<void> {
  const turn = slots.take(res);
  if (!(turn instanceof Promise)) throw new Error(`expected to wait for a turn, got ${String(turn)}`);
  return turn;
}

describe('RenderSlots', () => {
  it('lets `size` renders run at once and the others in, first come first served, as answers close', async () => {
    const slots = new RenderSlots(2);
    const [a, b, c, d] = [answer(), answer(), answer(), answer()];
    expect(slots.take(a)).toBeNull();
    expect(slots.take(b)).toBeNull();
    const order: string[] = [];
    const cTurn = turnOf(slots, c).then(() => order.push('c'));
    const dTurn = turnOf(slots, d).then(() => order.push('d'));
    expect([slots.busy, slots.waiting]).toEqual([2, 2]);
    b.close();
    await cTurn;
    expect(order).toEqual(['c']);
    expect([slots.busy, slots.waiting]).toEqual([2, 1]);
    a.close();
    await dTurn;
    expect(order).toEqual(['c', 'd']);
    c.close();
    d.close();
    expect([slots.busy, slots.waiting]).toEqual([0, 0]);
  });

  it('gives up the turn of a visitor who left while waiting, and never runs it', async () => {
    const slots = new RenderSlots(1);
    const [a, gone, next] = [answer(), answer(), answer()];
    slots.take(a);
    let goneRan = false;
    void turnOf(slots, gone).then(() => (goneRan = true));
    const nextTurn = turnOf(slots, next);
    gone.close();
    expect(slots.waiting).toBe(1);
    a.close();
    await nextTurn;
    expect(goneRan).toBe(false);
    expect(slots.busy).toBe(1);
  });

  it('gives the slot back once the page is ended, before its bytes are sent, and once only', async () => {
    const slots = new RenderSlots(1);
    const [a, b] = [answer(), answer()];
    slots.take(a);
    const bTurn = turnOf(slots, b);
    a.end('<p>page</p>');
    expect(a.ended).toBe(true);
    await bTurn;
    expect([slots.busy, slots.waiting]).toEqual([1, 0]);
    // Its close later gives back nothing more.
    a.close();
    expect(slots.busy).toBe(1);
    b.close();
    expect(slots.busy).toBe(0);
  });

  it('holds nothing for an answer already closed, whose turn never comes', async () => {
    const slots = new RenderSlots(1);
    const gone = answer();
    gone.close();
    let ran = false;
    void turnOf(slots, gone).then(() => (ran = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([ran, slots.busy, slots.waiting]).toEqual([false, 0, 0]);
  });

  it('tells the request past a full queue to come back, and lets it wait again once the queue moves', async () => {
    const slots = new RenderSlots(1, 2);
    const [a, b, c, d] = [answer(), answer(), answer(), answer()];
    slots.take(a);
    const bTurn = turnOf(slots, b);
    turnOf(slots, c);
    expect(slots.take(d)).toBe(QUEUE_FULL);
    expect([slots.busy, slots.waiting]).toEqual([1, 2]);
    a.close();
    await bTurn;
    expect(turnOf(slots, d)).toBeInstanceOf(Promise);
    expect([slots.busy, slots.waiting]).toEqual([1, 2]);
  });

  it('refuses a size or a queue that is not a positive integer', () => {
    for (const size of [0, -1, 1.5, Number.NaN]) expect(() => new RenderSlots(size)).toThrow(/positive integer/);
    for (const queue of [0, -1, 2.5]) expect(() => new RenderSlots(1, queue)).toThrow(/positive integer/);
  });

  it('reads RENDER_SLOTS, the default when unset, and stops the start on a wrong one', () => {
    expect(renderSlotsFrom({}).size).toBe(DEFAULT_RENDER_SLOTS);
    expect(renderSlotsFrom({ RENDER_SLOTS: '' }).size).toBe(DEFAULT_RENDER_SLOTS);
    expect(renderSlotsFrom({ RENDER_SLOTS: ' 12 ' }).size).toBe(12);
    for (const wrong of ['0', 'six', '2.5', '-3'])
      expect(() => renderSlotsFrom({ RENDER_SLOTS: wrong })).toThrow(`RENDER_SLOTS must be a positive integer`);
  });

  it('reads RENDER_QUEUE, the default when unset, and stops the start on a wrong one', () => {
    expect(renderSlotsFrom({}).queue).toBe(DEFAULT_RENDER_QUEUE);
    expect(renderSlotsFrom({ RENDER_QUEUE: '40' }).queue).toBe(40);
    for (const wrong of ['0', 'many', '1e400'])
      expect(() => renderSlotsFrom({ RENDER_QUEUE: wrong })).toThrow(`RENDER_QUEUE must be a positive integer`);
  });
});

describe('front cache with render slots', () => {
  let server: http.Server;
  let origin = '';
  const slots = new RenderSlots(1, 3);
  /** The fills running now, and the most that ever ran together. */
  let running = 0;
  let most = 0;
  /** While set, a fill does not finish until it resolves. */
  let held: Promise<void> | null = null;

  /** Stands in for src/lib/wall/shell-fill.ts (tests/unit/front-cache.test.ts has the same): slow, keeps its page. */
  function fill(url: URL, key: string): Promise<CachedPage | null> | null {
    if (url.searchParams.get('avant')?.startsWith('astro')) return null;
    running++;
    most = Math.max(most, running);
    return new Promise((resolve) =>
      setTimeout(async () => {
        await held;
        running--;
        const cache = renderCache();
        const page = { status: 200, headers: [['content-type', 'text/html']] as Array<[string, string]> };
        const body = Buffer.from(`<p>${url.search}</p>`);
        resolve(cache.store(key, { ...page, body, cacheControl: 'public, max-age=0', ttlMs: null }, cache.generation));
      }, 30),
    );
  }

  /** Stands in for Astro, rendering a page it does not keep (a 404, or a change during the render). */
  function astro(res: http.ServerResponse) {
    running++;
    most = Math.max(most, running);
    setTimeout(() => {
      running--;
      if (!res.closed) res.writeHead(404).end('<p>introuvable</p>');
    }, 30);
  }

  const get = async (path: string) => {
    const response = await fetch(`${origin}${path}`);
    return { status: response.status, body: await response.text() };
  };
  const until = async (ready: () => boolean) => {
    while (!ready()) await new Promise((resolve) => setTimeout(resolve, 5));
  };

  beforeAll(async () => {
    const front = createFrontCache({ fill, slots });
    server = http.createServer((req, res) => {
      const served = front.handle(req, res);
      if (served === false || served === 'pass') return astro(res);
      if (!(served instanceof Promise)) return;
      void served.then((done) => (done ? undefined : astro(res)));
    });
    origin = await listenLocally(server);
  });

  afterAll(() => closeServer(server));

  beforeEach(() => {
    renderCache().setAccepting(true);
    renderCache().invalidateAll();
    running = 0;
    most = 0;
    held = null;
  });

  it('makes distinct pages one at a time with one slot, and answers every one of them', async () => {
    const paths = ['/?avant=a.1', '/?avant=a.2', '/?avant=a.3', '/?avant=a.4'];
    const answers = await Promise.all(paths.map(get));
    expect(answers).toEqual(paths.map((path) => ({ status: 200, body: `<p>${path.slice(1)}</p>` })));
    expect(most).toBe(1);
    expect([slots.busy, slots.waiting]).toEqual([0, 0]);
  });

  it('answers a page the cache holds while every slot is taken', async () => {
    await get('/?avant=b.1');
    let release = () => {};
    held = new Promise((resolve) => (release = resolve));
    const making = get('/?avant=b.2');
    while (running === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await get('/?avant=b.1')).toEqual({ status: 200, body: '<p>?avant=b.1</p>' });
    expect([slots.busy, running]).toEqual([1, 1]);
    release();
    expect(await making).toEqual({ status: 200, body: '<p>?avant=b.2</p>' });
  });

  it('renders a page Astro does not keep for its visitors one at a time too, and never leaks a slot when one leaves', async () => {
    const statuses = await Promise.all(Array.from({ length: 4 }, () => get('/?avant=astro.1')));
    expect(statuses.map((answer) => answer.status)).toEqual([404, 404, 404, 404]);
    expect(most).toBe(1);
    // A visitor leaves while another's render of the same page is under way.
    const first = get('/?avant=astro.2');
    const leaving = new AbortController();
    const left = fetch(`${origin}/?avant=astro.2`, { signal: leaving.signal }).catch(() => 'left');
    await new Promise((resolve) => setTimeout(resolve, 10));
    leaving.abort();
    expect([(await first).status, await left]).toEqual([404, 'left']);
    expect(await get('/?avant=astro.2')).toEqual({ status: 404, body: '<p>introuvable</p>' });
    expect(await get('/?avant=c.3')).toEqual({ status: 200, body: '<p>?avant=c.3</p>' });
    expect([slots.busy, slots.waiting]).toEqual([0, 0]);
  });

  it('answers 503 with Retry-After in the address language once the queue is full, and every waiting page after', async () => {
    let release = () => {};
    held = new Promise((resolve) => (release = resolve));
    const first = get('/?avant=e.1');
    await until(() => running === 1);
    const waiting = ['/?avant=e.2', '/?avant=e.3', '/?avant=e.4'].map(get);
    await until(() => slots.waiting === 3);
    const refused = await fetch(`${origin}/?avant=e.5`);
    expect([refused.status, refused.headers.get('retry-after'), refused.headers.get('cache-control')]).toEqual([
      503,
      '5',
      'no-store',
    ]);
    expect(await refused.text()).toContain('Beaucoup de visites en ce moment');
    const english = await fetch(`${origin}/en/?avant=e.6`);
    expect([english.status, await english.text()]).toEqual([503, expect.stringContaining('Many visits right now')]);
    release();
    expect((await Promise.all([first, ...waiting])).map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    // Refused, not kept: asked again once the queue has room, the page is made.
    expect(await get('/?avant=e.5')).toEqual({ status: 200, body: '<p>?avant=e.5</p>' });
    expect([slots.busy, slots.waiting]).toEqual([0, 0]);
  });
});
