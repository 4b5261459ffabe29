import { getRuntime } from '../runtime.ts';
import { listenForWallChanges } from './notifications.ts';
import type { WallNotifications, WallSignal } from './notifications.ts';
import { renderCache } from './render-cache.ts';
import type { RenderCache } from './render-cache.ts';

/**
 * A lit candle changes a count on the cards; redrawing the cached pages for each one would
 * thrash the cache at a commemoration, so candles invalidate at most this often, then the pages
 * of many and the lit souvenirs' own pages (the live figures island and the candle form's own
 * answer show the exact count meanwhile).
 */
export const CANDLE_INVALIDATION_MS = 10_000;

/** Keeps `cache` in step with `notifications`; returns the unsubscribe function. */
export function connectCacheToNotifications(
  cache: RenderCache,
  notifications: WallNotifications,
  candleDelayMs = CANDLE_INVALIDATION_MS,
): () => void {
  let candleTimer: ReturnType<typeof setTimeout> | null = null;
  const litSouvenirs = new Set<number>();
  const onSignal = (signal: WallSignal) => {
    // The venue's screen is not on any cached page.
    if (signal.kind === 'venue') return;
    if (signal.kind === 'reset') {
      cache.setAccepting(notifications.listening);
    } else if (signal.kind === 'other') {
      cache.invalidateAll();
    } else if (signal.kind !== 'candle') {
      cache.invalidateSouvenirs([signal.id]);
    } else {
      litSouvenirs.add(signal.id);
      candleTimer ??= setTimeout(() => {
        candleTimer = null;
        cache.invalidateSouvenirs(litSouvenirs);
        litSouvenirs.clear();
      }, candleDelayMs);
      candleTimer.unref();
    }
  };
  const unsubscribe = notifications.subscribe(onSignal);
  cache.setAccepting(notifications.listening);
  return () => {
    unsubscribe();
    if (candleTimer) clearTimeout(candleTimer);
    cache.setAccepting(false);
  };
}

const KEY = Symbol.for('mur-des-souvenirs.wall-notifications');
type Holder = { [KEY]?: Promise<WallNotifications> };

/**
 * The process's `wall_changed` listener, started on first use and wired to the render cache;
 * the live screen's event stream subscribes to it too. Shared through globalThis by every copy
 * of this module (start script and Vite bundle).
 */
export function wallNotifications(): Promise<WallNotifications> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => {
    const runtime = await getRuntime();
    const notifications = listenForWallChanges({
      engine: runtime.handle.engine,
      pglite: runtime.handle.pglite,
      databaseUrl: runtime.databaseUrl,
    });
    connectCacheToNotifications(renderCache(), notifications);
    await notifications.ready;
    return notifications;
  })();
  return holder[KEY];
}
