import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { mostCommented } from '../comments/most-commented.ts';
import { popularTags, readWallFigures, souvenirsByYear } from './figures.ts';
import { contentVersion } from './content-version.ts';
import { renderCache } from './render-cache.ts';
import type { RenderCache } from './render-cache.ts';

/** What every page of the wall shows whatever its filter or depth: the figures, years, tags and most commented. */
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
export function keptPerGeneration<T>(
  cache: RenderCache,
  read: (db: Kysely<Database>) => Promise<T>,
): (db: Kysely<Database>) => Promise<T> {
  let kept: { generation: number; db: Kysely<Database>; value: Promise<T> } | null = null;
  return (db) => {
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

let versionReader: ((db: Kysely<Database>) => Promise<string>) | null = null;

/**
 * The content version (content-version.ts) a page's ETag is made from, read once per change
 * instead of twice per render: a crawler's first visits paid two of a deep wall page's four
 * round trips for it (issue 19). It can only be older than what a page then shows, never newer
 * (pages show what was committed by the time they are read): the worst a stale tag does is a full
 * answer where a 304 was possible.
 */
export function sharedContentVersion(db: Kysely<Database>): Promise<string> {
  versionReader ??= keptPerGeneration(renderCache(), contentVersion);
  return versionReader(db);
}
