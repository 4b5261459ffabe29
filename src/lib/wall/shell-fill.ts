import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { CachedPage, RenderCache } from './render-cache.ts';
import { renderCache } from './render-cache.ts';
import { PUBLIC_PAGE_CACHE_CONTROL } from './cache-policy.ts';
import { sharedContentVersion } from './shared-reads.ts';
import { storeFreshPage } from './store-render.ts';
import { deepWallRequest, wallShells } from './wall-shell.ts';
import type { WallShells } from './wall-shell.ts';
import type { FilledPage } from '../render/kept-shells.ts';
import { souvenirPageRequest, souvenirShells } from './souvenir-shell.ts';
import type { SouvenirShells } from './souvenir-shell.ts';
import { visitorReader } from '../replica/public-reader.ts';

/** The process's own unless told (tests): its render cache, its shells, and the database a visitor's page reads. */
export interface ShellFillContext {
  cache?: RenderCache;
  shells?: WallShells;
  souvenirs?: SouvenirShells;
  reader?: (cookieHeader: string | undefined) => Promise<Kysely<Database>>;
}

type Filler = (db: Kysely<Database>) => Promise<FilledPage | null>;

/** How the page at `url` would be made from a shell kept at `generation`, or null when none can make it. */
function fillerFor(
  url: URL,
  key: string,
  generation: number,
  shells: WallShells,
  souvenirs: SouvenirShells,
): Filler | null {
  const deep = deepWallRequest(url, key);
  if (deep) return shells.has(deep.shellKey, generation) ? (db) => shells.fill(db, deep, generation) : null;
  const souvenir = souvenirPageRequest(url, key);
  if (souvenir && souvenirs.has(souvenir.shellKey, generation)) return (db) => souvenirs.fill(db, souvenir, generation);
  return null;
}

/**
 * A page no cache holds, made by the front cache from its kind's shell without Astro (a deep
 * wall page: wall-shell.ts; a souvenir's page: souvenir-shell.ts), kept in the render cache like
 * any render and returned; null at once when no shell can make it (Astro renders the page, which
 * becomes the shell), and a promise of null when the page turns out not to have the shell's
 * shape (Astro renders it too). `key` is the page's render-cache key (cache-policy.ts).
 */
export function fillFromShell(
  url: URL,
  key: string,
  cookieHeader: string | undefined,
  {
    cache = renderCache(),
    shells = wallShells(),
    souvenirs = souvenirShells(),
    reader = visitorReader,
  }: ShellFillContext = {},
): Promise<CachedPage | null> | null {
  if (!cache.accepting) return null;
  const generation = cache.generation;
  const fill = fillerFor(url, key, generation, shells, souvenirs);
  if (!fill) return null;
  return (async () => {
    const db = await reader(cookieHeader);
    const versionBefore = await sharedContentVersion(db).catch(() => null);
    const filled = await fill(db);
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
        souvenirId: filled.souvenirId,
      },
      cache,
    );
  })();
}
