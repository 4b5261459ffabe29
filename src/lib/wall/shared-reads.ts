import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { mostCommented } from '../comments/most-commented.ts';
import { popularTags, readWallFigures, souvenirsByYear } from './figures.ts';
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
 * The wall's sidebar, read once per change instead of four queries per page: a crawler's walk of
 * a thousand deep pages asked them a thousand times (issue 19). Kept exactly as long as the pages
 * of the render cache: a read begun before an invalidation is never kept after it, and nothing is
 * kept while the cache keeps nothing (not listening for changes, or RENDER_CACHE=off, the bench's
 * "through the database" rows).
 */
export function sharedSidebarReader(cache: RenderCache): (db: Kysely<Database>) => Promise<WallSidebar> {
  let kept: { generation: number; sidebar: Promise<WallSidebar> } | null = null;
  return (db) => {
    if (!cache.accepting || cache.maxEntries === 0) return readSidebar(db);
    const generation = cache.generation;
    if (kept?.generation === generation) return kept.sidebar;
    const sidebar = readSidebar(db);
    const entry = { generation, sidebar };
    kept = entry;
    // A failed read is not kept: the next page asks the database again.
    sidebar.catch(() => {
      if (kept === entry) kept = null;
    });
    return sidebar;
  };
}

let processReader: ((db: Kysely<Database>) => Promise<WallSidebar>) | null = null;

/** The sidebar for this process's pages, kept with its render cache. */
export function wallSidebar(db: Kysely<Database>): Promise<WallSidebar> {
  processReader ??= sharedSidebarReader(renderCache());
  return processReader(db);
}
