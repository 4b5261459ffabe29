import { describe, it, expect, vi } from 'vitest';
import { RenderCache } from '../../src/lib/wall/render-cache.ts';
import { connectCacheToNotifications } from '../../src/lib/wall/invalidation.ts';
import { fakeNotifications } from '../helpers/fake-notifications.ts';
import { cacheablePage, cachedUnder, decideFor as decide } from '../helpers/wall-cache.ts';

const render = (souvenirId: number | null = null) => cacheablePage('<p>page</p>', souvenirId);

describe('which souvenir page requests the render cache answers', () => {
  it.each(['/souvenirs/Ab3_-x9kQ2Lm', '/en/souvenirs/Ab3_-x9kQ2Lm'])(
    'caches a souvenir page at its bare address, in French and in English: %s',
    (path) => {
      expect(decide(path)).toEqual(cachedUnder(`https://mur.example${path}`));
    },
  );

  it.each([
    '/souvenirs/Ab3?commentaire=attente&c=Xy1',
    '/souvenirs/Ab3?bougie=allumee',
    '/souvenirs/Ab3?signalement=transmis',
    '/souvenirs/Ab3?repondre=Xy1',
    '/souvenirs/Ab3?signaler=Xy1',
    '/souvenirs/Ab3?_action=comment',
    '/souvenirs/Ab3/',
    '/souvenirs/a.b',
    '/souvenirs/' + 'a'.repeat(33),
  ])('renders every answer to one visitor, the comment flash, a candle, a report, a reply: %s', (path) => {
    expect(decide(path).action).toBe('pass');
  });

  it('renders a POST to one visitor', () => {
    expect(decide('/souvenirs/Ab3', undefined, 'POST').action).toBe('pass');
  });
});

describe('invalidating souvenir pages', () => {
  /** The wall and three souvenir pages (two of souvenir 1, in French and English; one of souvenir 2). */
  function fill(cache: RenderCache): RenderCache {
    cache.store('wall', render(), cache.generation);
    cache.store('souvenir-1', render(1), cache.generation);
    cache.store('souvenir-1-en', render(1), cache.generation);
    cache.store('souvenir-2', render(2), cache.generation);
    return cache;
  }
  function filled(): RenderCache {
    const cache = new RenderCache();
    cache.setAccepting(true);
    return fill(cache);
  }
  const kept = (cache: RenderCache) =>
    ['wall', 'souvenir-1', 'souvenir-1-en', 'souvenir-2'].filter((key) => cache.lookup(key));

  it('drops the pages of many and that souvenir own pages, keeping the others', () => {
    const cache = filled();
    cache.invalidateSouvenirs([1]);
    expect(kept(cache)).toEqual(['souvenir-2']);
    expect(cache.bytes).toBe(new TextEncoder().encode('<p>page</p>').byteLength);
  });

  it('refuses a souvenir page render begun before any invalidation', () => {
    const cache = filled();
    const generation = cache.generation;
    cache.invalidateSouvenirs([2]);
    expect(cache.store('souvenir-3', render(3), generation)).toBeNull();
  });

  it('follows souvenir and comment signals at once, candles after the delay, anything else entirely', () => {
    vi.useFakeTimers();
    try {
      const notifications = fakeNotifications();
      const cache = new RenderCache();
      const disconnect = connectCacheToNotifications(cache, notifications, 30);
      fill(cache);
      notifications.emit({ kind: 'comment', id: 1 });
      expect(kept(cache)).toEqual(['souvenir-2']);

      fill(cache);
      notifications.emit({ kind: 'souvenir', id: 2 });
      expect(kept(cache)).toEqual(['souvenir-1', 'souvenir-1-en']);

      fill(cache);
      notifications.emit({ kind: 'candle', id: 2 });
      vi.advanceTimersByTime(29);
      expect(kept(cache)).toEqual(['wall', 'souvenir-1', 'souvenir-1-en', 'souvenir-2']);
      vi.advanceTimersByTime(1);
      expect(kept(cache)).toEqual(['souvenir-1', 'souvenir-1-en']);

      notifications.emit({ kind: 'other' });
      expect(kept(cache)).toEqual([]);
      disconnect();
    } finally {
      vi.useRealTimers();
    }
  });
});
