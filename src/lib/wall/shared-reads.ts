import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { mostCommented } from '../comments/most-commented.ts';
import { popularTags, readWallFigures, souvenirsByYear } from './figures.ts';
import { contentVersion } from './content-version.ts';
import { renderCache } from './render-cache.ts';
import type { RenderCache } from './render-cache.ts';

/** What the wall's pages show beside their cards: the figures and years (first pages only), tags and most commented. */
export interface WallSidebar {
  figures: Awaited<ReturnType<typeof readWallFigures>>;
  years: Awaited<ReturnType<typeof souvenirsByYear>>;
  tags: Awaited<ReturnType<typeof popularTags>>;
  mostCommented: Awaited<ReturnType<typeof mostCommented>>;
}

const MOST_COMMENTED = 5;

async function readSidebar(db: Kysely<Database>): Promise<WallSidebar> {
  const [figures, years, tags, most] = await Promise.all([
    readWallFigures(db),
    souvenirsByYear(db),
    popularTags(db),
    mostCommented(db, MOST_COMMENTED),
  ]);
  return { figures, years, tags, mostCommented: most };
}

/**
 * A read kept exactly as long as the pages of the render cache: a read begun before an
 * invalidation is never kept after it, and nothing is kept while the cache keeps nothing (not
 * listening for changes, or RENDER_CACHE=off, the bench's "through the database" rows). Kept per
 * database handle too: a page read from the replica never gets what the primary answered.
 */
export function keptPerGeneration<T>(cache: RenderCache, read: (db: Kysely<Database>) => Promise<T>): KeptRead<T> {
  let kept: { generation: number; db: Kysely<Database>; value: Promise<T> } | null = null;
  const reader = (db: Kysely<Database>) => {
    if (!cache.accepting || cache.maxEntries === 0) return read(db);
    const generation = cache.generation;
    if (kept?.generation === generation && kept.db === db) return kept.value;
    const value = read(db);
    const entry = { generation, db, value };
    kept = entry;
    // A failed read is not kept: the next page asks the database again.
    value.catch(() => {
      if (kept === entry) kept = null;
    });
    return value;
  };
  return Object.assign(reader, {
    forget: () => {
      kept = null;
    },
  });
}

/** A kept read, and `forget()` for a caller that found it stale before the invalidation came. */
export interface KeptRead<T> {
  (db: Kysely<Database>): Promise<T>;
  forget(): void;
}

/**
 * The wall's sidebar, read once per change instead of four queries per page: a crawler's walk of
 * a thousand deep pages asked them a thousand times (issue 19).
 */
export function sharedSidebarReader(cache: RenderCache): (db: Kysely<Database>) => Promise<WallSidebar> {
  return keptPerGeneration(cache, readSidebar);
}

let processReader: ((db: Kysely<Database>) => Promise<WallSidebar>) | null = null;

/** The sidebar for this process's pages, kept with its render cache. */
export function wallSidebar(db: Kysely<Database>): Promise<WallSidebar> {
  processReader ??= sharedSidebarReader(renderCache());
  return processReader(db);
}

// On globalThis, like the render cache it follows: the front cache (shell-fill.ts, loaded by the
// start script) and Astro's bundle load this module separately, and must keep one version.
const VERSION_KEY = Symbol.for('mur-des-souvenirs.shared-content-version');
type VersionHolder = { [VERSION_KEY]?: KeptRead<string> };

/**
 * The content version (content-version.ts) a page's ETag is made from, as it was when the render
 * cache last changed: read once per change instead of before every render (issue 19). It may be
 * older than what a render shows, until the change's invalidation arrives (NOTIFY's delay, or the
 * candles' batching; a replica's lag): store-render.ts reads the version afresh after each render
 * (or takes the one read with the page's last rows) and makes the tag from it only when the two
 * are equal.
 */
export function sharedContentVersion(db: Kysely<Database>): Promise<string> {
  const holder = globalThis as VersionHolder;
  return (holder[VERSION_KEY] ??= keptPerGeneration(renderCache(), contentVersion))(db);
}

/** Drops the kept content version: a render found a newer one, so the next pages read it again. */
export function forgetSharedContentVersion(): void {
  (globalThis as VersionHolder)[VERSION_KEY]?.forget();
}
