import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { CachedPage, RenderCache } from './render-cache.ts';
import { renderCache } from './render-cache.ts';
import { PUBLIC_PAGE_CACHE_CONTROL } from './cache-policy.ts';
import { sharedContentVersion } from './shared-reads.ts';
import { storeFreshPage } from './store-render.ts';
import { deepWallRequest, wallShells } from './wall-shell.ts';
import type { WallShells } from './wall-shell.ts';
import { visitorReader } from '../replica/public-reader.ts';

/** The process's own unless told (tests): its render cache, its shells, and the database a visitor's page reads. */
export interface ShellFillContext {
  cache?: RenderCache;
  shells?: WallShells;
  reader?: (cookieHeader: string | undefined) => Promise<Kysely<Database>>;
}

/**
 * A deep wall page no cache holds, made by the front cache from its view's shell without Astro
 * (wall-shell.ts), kept in the render cache like any render and returned; null at once when its
 * view has no shell in this generation (Astro renders the page, which becomes the shell), and a
 * promise of null when the page turns out not to have the shell's shape (Astro renders it too).
 * `key` is the page's render-cache key (cache-policy.ts).
 */
export function fillFromShell(
  url: URL,
  key: string,
  cookieHeader: string | undefined,
  { cache = renderCache(), shells = wallShells(), reader = visitorReader }: ShellFillContext = {},
): Promise<CachedPage | null> | null {
  if (!cache.accepting) return null;
  const deep = deepWallRequest(url, key);
  const generation = cache.generation;
  if (!deep || !shells.has(deep.shellKey, generation)) return null;
  return (async () => {
    const db = await reader(cookieHeader);
    const versionBefore = await sharedContentVersion(db).catch(() => null);
    const filled = await shells.fill(db, deep, generation);
    if (!filled) return null;
    return storeFreshPage(
      {
        key,
        headers: filled.headers,
        body: filled.body,
        cacheControl: PUBLIC_PAGE_CACHE_CONTROL,
        ttlMs: null,
        generation,
        db,
        versionBefore,
        versionRead: filled.version,
      },
      cache,
    );
  })();
}
