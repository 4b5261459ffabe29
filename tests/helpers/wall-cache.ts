import { afterEach, expect } from 'vitest';
import { cacheDecision, PUBLIC_PAGE_CACHE_CONTROL } from '../../src/lib/wall/cache-policy.ts';
import { listenForWallChanges } from '../../src/lib/wall/notifications.ts';
import type { WallNotifications } from '../../src/lib/wall/notifications.ts';
import type { TestDatabase } from './databases.ts';

/** A public page as a render hands it to the render cache; `souvenirId` ties it to one souvenir. */
export function cacheablePage(html: string, souvenirId: number | null = null) {
  return {
    status: 200,
    headers: [['content-type', 'text/html; charset=utf-8']] as Array<[string, string]>,
    body: new TextEncoder().encode(html),
    cacheControl: PUBLIC_PAGE_CACHE_CONTROL,
    ttlMs: null,
    souvenirId,
  };
}

/** What the render cache decides for a request to `path` on https://mur.example. */
export function decideFor(path: string, cookie?: string | null, method = 'GET') {
  return cacheDecision(method, new URL(path, 'https://mur.example'), cookie);
}

/** The decision to cache a public page under `key`. */
export function cachedUnder(key: string) {
  return { action: 'cache', key, cacheControl: PUBLIC_PAGE_CACHE_CONTROL, ttlMs: null };
}

/** Waits until `check` holds (notifications arrive after commit, asynchronously): 5 s at most. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * `listen()` opens wall notifications on the test's database and waits until LISTEN is in place;
 * every one opened is closed after its test. Call once, inside the suite.
 */
export function wallListener(t: TestDatabase): () => Promise<WallNotifications> {
  const opened: WallNotifications[] = [];
  afterEach(async () => {
    for (const n of opened.splice(0)) await n.close();
  });
  return async () => {
    const notifications = listenForWallChanges({
      engine: t.engine,
      pglite: t.handle.pglite,
      databaseUrl: process.env.DATABASE_URL,
    });
    opened.push(notifications);
    await notifications.ready;
    expect(notifications.listening).toBe(true);
    return notifications;
  };
}
