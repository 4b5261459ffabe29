import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { localeFromPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { localeView } from '../i18n/locals.ts';
import { cutShell, fillShell } from '../render/page-shell.ts';
import { KeptShells } from '../render/kept-shells.ts';
import type { FilledPage } from '../render/kept-shells.ts';
import { souvenirCardsHtml } from '../render/souvenir-card.ts';
import { wallPage } from '../souvenirs/wall.ts';
import type { WallPage } from '../souvenirs/wall.ts';
import { WALL_PATHS } from './layout.ts';
import { renderCache } from './render-cache.ts';
import { shellCounts } from './shell-counts.ts';
import { parseWallQuery, wallSearch } from './wall-query.ts';
import type { WallQuery } from './wall-query.ts';

/**
 * Deep wall pages (`?avant=`, the pages a crawler walks) from the shell of another one. Pages of
 * one view of the wall (language, year, tag, layout) differ only by their own cursor, their cards
 * and the next page's cursor: everything else (head, tags, most commented, scripts
 * and their CSP hashes) is the same until the wall changes. So the first deep page Astro renders
 * after a change is kept cut at those three places, and the view's other deep pages are one
 * query and a join (issue 19, item 2: about 11 ms of CPU each from Astro). A page Astro would
 * render differently (a bad parameter, no cards, the last page) never comes from a shell.
 */

type WallHole = 'cursor' | 'cards' | 'next';

/** What index.astro tells the middleware about a deep page it rendered (locals.wallShellSeed). */
export interface WallShellSeed {
  cursor: string;
  cards: string;
  next: string;
}

/** The seed of a page Astro rendered, when its shell may serve its view's other deep pages. */
export function wallShellSeed(
  query: WallQuery,
  problems: readonly string[],
  page: WallPage,
  cards: string,
): WallShellSeed | undefined {
  if (query.rawCursor === null || problems.length > 0 || page.next === null || !cards) return undefined;
  return { cursor: query.rawCursor, cards, next: page.next };
}

/**
 * How many times a deep page writes its own cursor: the three language alternates (fr, en,
 * x-default), the language switch and the two layout links; and the next one: the "voir plus"
 * link. Held by tests/e2e/wall-shell.test.ts against the page itself.
 */
const CURSOR_WRITTEN = 6;
const NEXT_WRITTEN = 1;
/** Views with a shell at once (a shell is one page, about 35 kB once its cards are cut out). */
const MAX_VIEWS = 32;

/** A deep wall page's address taken apart: its query, and the key of its view's shell. */
export interface DeepWallRequest {
  query: WallQuery & { rawCursor: string };
  /** The page's cache key (origin, path, query) without its cursor: one shell per view and origin. */
  shellKey: string;
  locale: Locale;
}

/**
 * The deep page a URL asks for, or null for anything Astro renders otherwise (the first page, bad
 * parameters). `cacheKey` is the page's render-cache key, which ends with the URL's (canonical) query.
 */
export function deepWallRequest(url: URL, cacheKey: string): DeepWallRequest | null {
  if (!WALL_PATHS.has(url.pathname) || !url.searchParams.has('avant') || !cacheKey.endsWith(url.search)) return null;
  const { query, problems } = parseWallQuery(url.searchParams);
  if (problems.length > 0 || query.rawCursor === null) return null;
  const { year, tag, layout } = query;
  return {
    query: { ...query, rawCursor: query.rawCursor },
    shellKey: cacheKey.slice(0, cacheKey.length - url.search.length) + wallSearch({ year, tag, layout }),
    locale: localeFromPath(url.pathname),
  };
}

/**
 * A shell per view and origin, for one generation of the render cache: a change empties them
 * all. With the render cache off (RENDER_CACHE=off, the bench's uncached rows) it keeps none.
 */
export class WallShells {
  readonly counts = shellCounts('wall');
  #kept: KeptShells<WallHole>;

  constructor(maxViews = MAX_VIEWS) {
    this.#kept = new KeptShells(maxViews);
  }

  get size(): number {
    return this.#kept.size;
  }

  has(shellKey: string, generation: number): boolean {
    return this.#kept.has(shellKey, generation);
  }

  /** Cuts `html` (a deep page Astro rendered at `generation`) into its view's shell, unless the view has one; false when it cannot be cut. */
  keep(request: DeepWallRequest, generation: number, headers: Headers, html: string, seed: WallShellSeed): boolean {
    const kept = this.#kept.keep(
      request.shellKey,
      generation,
      headers,
      () =>
        cutShell<WallHole>(html, [
          { hole: 'cursor', text: seed.cursor, count: CURSOR_WRITTEN },
          { hole: 'cards', text: seed.cards, count: 1 },
          { hole: 'next', text: seed.next, count: NEXT_WRITTEN },
        ]),
      null,
    );
    if (kept) this.counts.cut++;
    return kept;
  }

  /**
   * The deep page from its view's shell kept at `generation`: its cards read as index.astro reads
   * them, put in with both cursors. Null without a shell, or when the page would not have the
   * shell's shape (no cards, or the last page, whose pager says all is read): Astro renders those.
   */
  async fill(db: Kysely<Database>, request: DeepWallRequest, generation: number): Promise<FilledPage | null> {
    const kept = this.#kept.get(request.shellKey, generation);
    if (!kept) return null;
    const { year, tag, cursor, rawCursor } = request.query;
    const filtered = year !== null || tag !== null;
    const page = await wallPage(db, { cursor, year, tag, excludePinned: !filtered });
    if (page.next === null || page.souvenirs.length === 0) return null;
    const { locale } = request;
    const cards = souvenirCardsHtml(localeView(locale), page.souvenirs);
    this.counts.filled++;
    return {
      body: fillShell(kept.shell, { cursor: rawCursor, cards, next: page.next }),
      headers: kept.headers,
      version: page.version,
    };
  }
}

// One per process, like the render cache it follows (render-cache.ts): /metrics reads its counts.
const KEY = Symbol.for('mur-des-souvenirs.wall-shells');
type Holder = { [KEY]?: WallShells };

export function wallShells(): WallShells {
  return ((globalThis as Holder)[KEY] ??= new WallShells(renderCache().maxEntries === 0 ? 0 : MAX_VIEWS));
}
