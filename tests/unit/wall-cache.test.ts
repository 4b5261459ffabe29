import { describe, it, expect, vi } from 'vitest';
import { answerFromStore, ifNoneMatchMatches, strongEtag } from '../../src/lib/wall/http-cache.ts';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { PUBLIC_PAGE_CACHE_CONTROL, redirectAnswer } from '../../src/lib/wall/cache-policy.ts';
import { connectCacheToNotifications } from '../../src/lib/wall/invalidation.ts';
import { parseWallPayload } from '../../src/lib/wall/notifications.ts';
import type { WallSignal } from '../../src/lib/wall/notifications.ts';
import { fakeNotifications } from '../helpers/fake-notifications.ts';
import { cachedUnder, decideFor as decide } from '../helpers/wall-cache.ts';

const bytes = (text: string) => new TextEncoder().encode(text);
/** A cache as the invalidation listener leaves it once LISTEN is in place. */
function listening(cache = new RenderCache()): RenderCache {
  cache.setAccepting(true);
  return cache;
}
const render = (text = '<p>mur</p>', ttlMs: number | null = null) => ({
  status: 200,
  headers: [
    ['Content-Type', 'text/html; charset=utf-8'],
    ['X-Frame-Options', 'DENY'],
    ['Set-Cookie', 'never=stored'],
    ['Content-Length', '999'],
  ] as Array<[string, string]>,
  body: bytes(text),
  cacheControl: PUBLIC_PAGE_CACHE_CONTROL,
  ttlMs,
});

describe('entity tags and If-None-Match', () => {
  it('gives the same strong tag to the same bytes and another to other bytes', () => {
    expect(strongEtag(bytes('a'))).toBe(strongEtag(bytes('a')));
    expect(strongEtag(bytes('a'))).not.toBe(strongEtag(bytes('b')));
    expect(strongEtag(bytes('a'))).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
  });

  it('matches a listed tag, a weak form of it, and *, but not another tag', () => {
    expect(ifNoneMatchMatches('"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('"x", W/"abc"', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches(' * ', '"abc"')).toBe(true);
    expect(ifNoneMatchMatches('"abd"', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches('', '"abc"')).toBe(false);
    expect(ifNoneMatchMatches(null, '"abc"')).toBe(false);
  });

  it('answers 304 without a body when the client holds the bytes, else 200 with them', () => {
    const entry = listening();
    const stored = entry.store('k', render(), entry.generation)!;
    const fresh = answerFromStore(stored, 'GET', null);
    expect(fresh.status).toBe(200);
    expect(new TextDecoder().decode(fresh.body!)).toBe('<p>mur</p>');
    expect(fresh.headers).toContainEqual(['etag', stored.etag]);
    expect(fresh.headers).toContainEqual(['content-length', '10']);
    const revalidated = answerFromStore(stored, 'GET', stored.etag);
    expect(revalidated.status).toBe(304);
    expect(revalidated.body).toBeNull();
    expect(revalidated.headers.map(([n]) => n).sort()).toEqual(['cache-control', 'etag']);
    const head = answerFromStore(stored, 'HEAD', null);
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });
});

describe('the render cache', () => {
  it('stores final headers without cookies or lengths, with its own ETag and Cache-Control', () => {
    const cache = listening();
    const entry = cache.store('k', render(), cache.generation)!;
    expect(entry.headers).toEqual([
      ['content-type', 'text/html; charset=utf-8'],
      ['x-frame-options', 'DENY'],
      ['etag', entry.etag],
      ['cache-control', PUBLIC_PAGE_CACHE_CONTROL],
    ]);
    expect(cache.lookup('k')).toBe(entry);
  });

  it('stores nothing while it is not listening for invalidations', () => {
    const cache = new RenderCache();
    expect(cache.store('k', render(), cache.generation)).toBeNull();
    expect(cache.lookup('k')).toBeUndefined();
  });

  it('refuses a render begun before an invalidation, and forgets everything on one', () => {
    const cache = listening();
    const started = cache.generation;
    cache.store('a', render(), started);
    cache.invalidateAll();
    expect(cache.lookup('a')).toBeUndefined();
    expect(cache.store('b', render(), started)).toBeNull();
    expect(cache.store('b', render(), cache.generation)).not.toBeNull();
  });

  it('lets short-lived entries expire', () => {
    let now = 1_000;
    const cache = new RenderCache({ now: () => now });
    cache.setAccepting(true);
    cache.store('island', render('x', 10_000), cache.generation);
    now += 9_999;
    expect(cache.lookup('island')).toBeDefined();
    now += 1;
    expect(cache.lookup('island')).toBeUndefined();
  });

  it('evicts the least recently used entries beyond its bounds', () => {
    const cache = listening(new RenderCache({ maxEntries: 2 }));
    cache.store('a', render(), cache.generation);
    cache.store('b', render(), cache.generation);
    cache.lookup('a');
    cache.store('c', render(), cache.generation);
    expect(cache.lookup('b')).toBeUndefined();
    expect(cache.lookup('a')).toBeDefined();
    expect(cache.lookup('c')).toBeDefined();
    const small = listening(new RenderCache({ maxBytes: 80 }));
    small.store('a', render('0123456789'), small.generation);
    small.store('b', render('0123456789'), small.generation);
    expect(small.bytes).toBeLessThanOrEqual(80);
  });

  it('keeps a page asked for all along among many, and still drops the one not asked for longest', () => {
    const cache = listening(new RenderCache({ maxEntries: 10, probationBytes: 1_000_000 }));
    for (let page = 0; page < 10; page++) {
      cache.store(`/${page}`, render(), cache.generation);
      cache.lookup(`/${page}`);
    }
    // The wall asked for between every other page: hits that need not move it every time.
    for (let round = 0; round < 200; round++) {
      expect(cache.lookup('/0')).toBeDefined();
      cache.store(`/new-${round}`, render(), cache.generation);
      cache.lookup(`/new-${round}`);
    }
    expect(cache.size).toBe(10);
    expect(cache.lookup('/0')).toBeDefined();
    expect(cache.lookup('/1')).toBeUndefined();
    expect(cache.lookup('/new-199')).toBeDefined();
  });

  it('keeps a crawler’s walk, each page asked once, within the probation’s bytes', () => {
    const cache = listening(new RenderCache({ maxBytes: 1_000, probationBytes: 100 }));
    for (let page = 0; page < 50; page++) cache.store(`/?avant=${page}`, render('0123456789'), cache.generation);
    expect(cache.bytes).toBeLessThanOrEqual(100);
    expect(cache.lookup('/?avant=49')).toBeDefined();
    expect(cache.lookup('/?avant=0')).toBeUndefined();
  });

  it('never lets a walk push out the pages visitors asked for again', () => {
    const cache = listening(new RenderCache({ maxBytes: 160, probationBytes: 40 }));
    cache.store('/', render('0123456789'), cache.generation);
    cache.store('/en/', render('0123456789'), cache.generation);
    cache.lookup('/');
    cache.lookup('/en/');
    for (let page = 0; page < 50; page++) cache.store(`/?avant=${page}`, render('0123456789'), cache.generation);
    expect(cache.lookup('/')).toBeDefined();
    expect(cache.lookup('/en/')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(60);
    // The protected part still makes room, least recently used first, when it alone is too big.
    for (let tag = 0; tag < 20; tag++) {
      cache.store(`/?tag=${tag}`, render('0123456789'), cache.generation);
      cache.lookup(`/?tag=${tag}`);
    }
    expect(cache.lookup('/')).toBeUndefined();
    expect(cache.lookup('/?tag=19')).toBeDefined();
    expect(cache.bytes).toBeLessThanOrEqual(160);
  });

  it('forgets probation and protected pages alike on an invalidation', () => {
    const cache = listening(new RenderCache());
    cache.store('/', render(), cache.generation);
    cache.lookup('/');
    cache.store('/?annee=1990', render(), cache.generation);
    cache.invalidateSouvenirs([1]);
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });
});

describe('which requests the render cache answers', () => {
  it.each(['/', '/en/?annee=1999&tag=jazz&mise-en-page=encadre'])(
    'caches the wall, its filters and pages under their canonical URL, host included: %s',
    (path) => {
      expect(decide(path)).toEqual(cachedUnder(`https://mur.example${path}`));
    },
  );

  it.each(['/embed', '/en/embed?tag=jazz', '/ecran', '/en/ecran', '/rss.xml', '/feed.json'])(
    'caches the embed, the screen and the feeds: %s',
    (path) => {
      expect(decide(path).action).toBe('cache');
    },
  );

  it('renders without caching any other spelling, so junk query strings cannot fill it', () => {
    for (const path of [
      '/?tag=jazz&annee=1999',
      '/?x=1',
      '/?tag=Jazz',
      '/?annee=abc',
      '/?mise-en-page=pleine',
      '/ecran?x',
      '/en',
    ]) {
      expect(decide(path).action, path).toBe('pass');
    }
  });

  it('leaves writes, other pages and signed-in islands to Astro', () => {
    expect(decide('/', null, 'POST').action).toBe('pass');
    expect(decide('/partager').action).toBe('pass');
    expect(decide('/souvenirs/abc?bougie=allumee').action).toBe('pass');
    expect(decide('/_server-islands/ModeratorBarIsland?e=1&p=2&s=', 'session=abc').action).toBe('pass');
    expect(decide('/_server-islands/ModeratorBarIsland?e=1&p=2&s=', 'x=1; __Host-session=abc').action).toBe('pass');
  });

  it('serves visitors one empty moderator bar, and the live figures for a few seconds', () => {
    const visitor = decide('/_server-islands/ModeratorBarIsland?e=1&p=2&s=', 'mur_layout=encadre');
    expect(visitor).toEqual({
      action: 'cache',
      key: 'https://mur.example/_server-islands/ModeratorBarIsland#visitor',
      cacheControl: 'private, no-store',
      ttlMs: null,
    });
    expect(decide('/_server-islands/LiveFigures?e=1&p=2&s=')).toMatchObject({ action: 'cache', ttlMs: 10_000 });
  });

  it('sends a visitor who chose the boxed layout from the plain wall to the boxed one', () => {
    expect(decide('/', 'a=b; mur_layout=encadre')).toEqual({ action: 'redirect', location: '/?mise-en-page=encadre' });
    expect(decide('/en/?tag=jazz&annee=1999', 'mur_layout=encadre')).toEqual({
      action: 'redirect',
      location: '/en/?annee=1999&tag=jazz&mise-en-page=encadre',
    });
    expect(decide('/', 'mur_layout=pleine').action).toBe('cache');
    expect(decide('/?mise-en-page=encadre', 'mur_layout=pleine').action).toBe('cache');
    expect(decide('/embed', 'mur_layout=encadre').action).toBe('cache');
  });

  it('sends a shared link once to its address without tracking parameters, which the caches then answer', () => {
    expect(decide('/souvenirs/AbCdEfGhIjKl?fbclid=IwAR0xyz')).toEqual({
      action: 'redirect',
      location: '/souvenirs/AbCdEfGhIjKl',
      permanent: true,
    });
    expect(decide('/en/?tag=jazz&utm_source=facebook&utm_medium=social&annee=1999')).toMatchObject({
      location: '/en/?tag=jazz&annee=1999',
      permanent: true,
    });
    // Its own question kept: a souvenir page's candle answer is one visitor's, still rendered for them.
    expect(decide('/souvenirs/AbCdEfGhIjKl?bougie=allumee&gclid=x')).toMatchObject({
      location: '/souvenirs/AbCdEfGhIjKl?bougie=allumee',
    });
    // Only on the pages the caches hold; a form or a private page keeps its address as it came.
    expect(decide('/partager?utm_source=x').action).toBe('pass');
    expect(decide('/souvenirs/AbCdEfGhIjKl?utm').action).toBe('pass');
    expect(redirectAnswer({ location: '/x', permanent: true })).toEqual({
      status: 301,
      headers: { location: '/x', 'cache-control': 'public, max-age=3600' },
    });
    expect(redirectAnswer({ location: '/?mise-en-page=encadre' }).status).toBe(303);
  });
});

describe('wall_changed payloads and the cache', () => {
  it('reads souvenir, candle and comment payloads, and anything else as a change', () => {
    expect(parseWallPayload('42')).toEqual({ kind: 'souvenir', id: 42 });
    expect(parseWallPayload('candle:7')).toEqual({ kind: 'candle', id: 7 });
    expect(parseWallPayload('comment:7')).toEqual({ kind: 'comment', id: 7 });
    expect(parseWallPayload('settings')).toEqual({ kind: 'other' });
    expect(parseWallPayload(undefined)).toEqual({ kind: 'other' });
  });

  it('empties at once on a souvenir or comment change, and at most once per delay for candles', () => {
    vi.useFakeTimers();
    const cache = new RenderCache();
    const notifications = fakeNotifications();
    const disconnect = connectCacheToNotifications(cache, notifications, 30);
    expect(cache.accepting).toBe(true);
    cache.store('a', render(), cache.generation);
    notifications.emit({ kind: 'candle', id: 1 });
    notifications.emit({ kind: 'candle', id: 2 });
    expect(cache.lookup('a')).toBeDefined();
    vi.advanceTimersByTime(29);
    expect(cache.lookup('a')).toBeDefined();
    vi.advanceTimersByTime(1);
    expect(cache.lookup('a')).toBeUndefined();
    for (const signal of [{ kind: 'souvenir', id: 1 }, { kind: 'comment', id: 1 }, { kind: 'other' }] as WallSignal[]) {
      cache.store('a', render(), cache.generation);
      notifications.emit(signal);
      expect(cache.lookup('a'), signal.kind).toBeUndefined();
    }
    disconnect();
    expect(cache.accepting).toBe(false);
    vi.useRealTimers();
  });
});
