import { strongEtag } from './http-cache.ts';
import type { StoredResponse } from './http-cache.ts';

export interface CachedPage extends StoredResponse {
  key: string;
  storedAt: number;
  /** Epoch ms after which the entry is stale (short-lived islands), or null until invalidated. */
  expiresAt: number | null;
  /**
   * The one souvenir a page shows (its own page), or null for a page of many (the wall, search,
   * feeds): a change to one souvenir redraws every page of many but only that souvenir's own.
   */
  souvenirId: number | null;
}

export interface RenderCacheOptions {
  maxEntries?: number;
  maxBytes?: number;
  /** Bytes of pages not asked for again since their render (see RenderCache); maxBytes / 8 by default. */
  probationBytes?: number;
  now?: () => number;
}

export interface StoreRequest {
  status: number;
  headers: Iterable<readonly [string, string]>;
  body: Uint8Array;
  cacheControl: string;
  ttlMs: number | null;
  /** The tag, when the caller knows one that every host agrees on (content-version.ts); else from the bytes. */
  etag?: string | undefined;
  /** See CachedPage: set only by a page that shows one souvenir and nothing of any other. */
  souvenirId?: number | null | undefined;
}

/** Headers never stored: they belong to one answer (cookies) or are recomputed (length). */
const NOT_STORED = new Set(['set-cookie', 'content-length', 'transfer-encoding', 'connection', 'keep-alive', 'date']);

/** The entry a render makes: its final headers, with the ETag and Cache-Control of the policy. */
export function toCachedPage(key: string, request: StoreRequest, now: number): CachedPage {
  const headers: Array<[string, string]> = [];
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (NOT_STORED.has(lower) || lower === 'etag' || lower === 'cache-control') continue;
    headers.push([lower, value]);
  }
  const etag = request.etag ?? strongEtag(request.body);
  headers.push(['etag', etag], ['cache-control', request.cacheControl]);
  return {
    key,
    status: request.status,
    headers,
    body: request.body,
    etag,
    storedAt: now,
    expiresAt: request.ttlMs === null ? null : now + request.ttlMs,
    souvenirId: request.souvenirId ?? null,
  };
}

/**
 * The rendered bytes of public pages, with their final headers and a strong ETag, by URL key.
 * A change to a souvenir drops every page of many (an approval, an edit, a pin: any of them can
 * move every page of the wall) and that souvenir's own pages, keeping the other souvenirs' pages
 * a crawler or a shared link filled; anything else drops everything. Nothing is stored while `accepting` is false, that is while the
 * process is not listening for invalidations (a lost PostgreSQL connection would otherwise leave
 * stale pages behind). Bounded in entries and bytes, least recently used out first.
 *
 * A segmented LRU: a page enters on probation and is kept for good (until evicted from the
 * protected part) only once it is asked for again. A crawler's walk, each address once, only
 * churns the probation's few megabytes instead of filling the whole cache with pages nobody asks
 * for twice (issue 19: the cache full of a crawl's pages was 124 MB of resident memory that the
 * process never gave back), and it never pushes out the pages visitors keep asking for.
 */
export class RenderCache {
  readonly maxEntries: number;
  readonly maxBytes: number;
  readonly probationBytes: number;
  /** Rendered, not looked up since: least recently stored first. */
  #probation = new Map<string, CachedPage>();
  /** Looked up at least once: least recently used first. */
  #protected = new Map<string, CachedPage>();
  #probationUsed = 0;
  /** Moves to the protected part's back so far, and when each entry was last moved there. */
  #moves = 0;
  #movedAt = new WeakMap<CachedPage, number>();
  #bytes = 0;
  #generation = 0;
  #accepting = false;
  #now: () => number;

  constructor(options: RenderCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.probationBytes = options.probationBytes ?? this.maxBytes / 8;
    this.#now = options.now ?? Date.now;
  }

  /** Bumped by every invalidation: a render begun before one must not be stored after it. */
  get generation(): number {
    return this.#generation;
  }

  get accepting(): boolean {
    return this.#accepting;
  }

  get size(): number {
    return this.#probation.size + this.#protected.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Called by the invalidation listener as it gains or loses its subscription. */
  setAccepting(accepting: boolean): void {
    this.#accepting = accepting;
    this.invalidateAll();
  }

  lookup(key: string): CachedPage | undefined {
    const kept = this.#protected.get(key);
    const entry = kept ?? this.#probation.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== null && entry.expiresAt <= this.#now()) {
      this.#remove(key);
      return undefined;
    }
    // Moved to the back less than half the protected part ago: it is far from the front that
    // eviction takes from, and moving it again on every hit was 2–3 % of a cached answer's CPU.
    const movedAt = kept && this.#movedAt.get(kept);
    if (movedAt !== undefined && this.#moves - movedAt < this.#protected.size / 2) return entry;
    // Asked for again: protected, most recently used last, so eviction takes from the front.
    this.#remove(key);
    this.#protected.set(key, entry);
    this.#movedAt.set(entry, ++this.#moves);
    this.#bytes += entry.body.byteLength;
    this.#evict();
    return entry;
  }

  /** Stores a render begun at `generation`; returns the entry, or null when it may be stale. */
  store(key: string, request: StoreRequest, generation: number): CachedPage | null {
    if (!this.#accepting || generation !== this.#generation) return null;
    if (request.body.byteLength > Math.min(this.maxBytes / 8, this.probationBytes)) return null;
    const entry = toCachedPage(key, request, this.#now());
    this.#remove(key);
    this.#probation.set(key, entry);
    this.#probationUsed += entry.body.byteLength;
    this.#bytes += entry.body.byteLength;
    this.#evict();
    return entry;
  }

  /** Drops the pages of many and the own pages of these souvenirs. */
  invalidateSouvenirs(ids: Iterable<number>): void {
    const changed = new Set(ids);
    this.#generation++;
    for (const part of [this.#probation, this.#protected]) {
      for (const [key, entry] of part) {
        if (entry.souvenirId === null || changed.has(entry.souvenirId)) this.#remove(key);
      }
    }
  }

  invalidateAll(): void {
    this.#generation++;
    this.#probation.clear();
    this.#protected.clear();
    this.#probationUsed = 0;
    this.#bytes = 0;
  }

  /**
   * The protected part keeps all but the probation's bytes, so a new page always has room to
   * enter; then the oldest pages on probation go, down to its bytes and the whole cache's entries
   * (the newest stays); past the entries still, the least recently used protected pages.
   */
  #evict(): void {
    for (const [oldest] of this.#protected) {
      if (this.#bytes - this.#probationUsed <= this.maxBytes - this.probationBytes) break;
      this.#remove(oldest);
    }
    for (const [oldest] of this.#probation) {
      if (this.#probationUsed <= this.probationBytes && this.size <= this.maxEntries) break;
      if (this.#probation.size === 1 && this.maxEntries > 0) break;
      this.#remove(oldest);
    }
    for (const [oldest] of this.#protected) {
      if (this.size <= this.maxEntries) break;
      this.#remove(oldest);
    }
  }

  #remove(key: string): void {
    const onProbation = this.#probation.get(key);
    if (onProbation) {
      this.#probation.delete(key);
      this.#probationUsed -= onProbation.body.byteLength;
      this.#bytes -= onProbation.body.byteLength;
      return;
    }
    const kept = this.#protected.get(key);
    if (!kept) return;
    this.#protected.delete(key);
    this.#bytes -= kept.body.byteLength;
  }
}

// One cache per process, shared by the start script (a future front server) and the Vite-bundled
// Astro server, which load this module separately.
const KEY = Symbol.for('mur-des-souvenirs.render-cache');
type Holder = { [KEY]?: RenderCache };

export function renderCache(): RenderCache {
  const holder = globalThis as Holder;
  // RENDER_CACHE=off (the benchmark's uncached run, npm run bench): a cache that keeps nothing.
  return (holder[KEY] ??= new RenderCache(process.env.RENDER_CACHE === 'off' ? { maxEntries: 0 } : {}));
}
