import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { buildIdentity, contentVersion, versionEtag } from './content-version.ts';
import { renderCache, toCachedPage } from './render-cache.ts';
import type { CachedPage, RenderCache } from './render-cache.ts';
import { forgetSharedContentVersion } from './shared-reads.ts';

/** A public page just made, by Astro or from a shell, with what its render began with. */
export interface FreshPage {
  key: string;
  headers: Iterable<readonly [string, string]>;
  body: Uint8Array;
  cacheControl: string;
  ttlMs: number | null;
  /** The render cache's generation when the render began: a change since, and it is not kept. */
  generation: number;
  /** The reader the page was made from, and the content version kept before it (shared-reads.ts); null for pages on a timer. */
  db: Kysely<Database> | null;
  versionBefore: string | null;
  /** The version read with the page's last rows, when it was (a page from a shell, a souvenir's page with comments): then not read again. */
  versionRead?: string | null | undefined;
  souvenirId?: number | null | undefined;
}

/**
 * Keeps a page in the render cache and returns its entry (an entry not kept when a change came
 * during its render, answered once all the same). The version kept since the last change (before)
 * and the one read now (after): equal, the page shows exactly that version and every host tags it
 * alike; different (a change committed since, its invalidation not here yet), the bytes make the
 * tag and the next pages read the version again. A page whose rows came with their version
 * (versionRead) is not asked again: that version is exactly the one of what it shows.
 */
export async function storeFreshPage(page: FreshPage, cache: RenderCache = renderCache()): Promise<CachedPage> {
  const { db, versionBefore } = page;
  const build = buildIdentity();
  const versionAfter = page.versionRead ?? (db && versionBefore ? await contentVersion(db).catch(() => null) : null);
  if (versionAfter && versionAfter !== versionBefore) forgetSharedContentVersion();
  const render = {
    status: 200,
    headers: page.headers,
    body: page.body,
    cacheControl: page.cacheControl,
    ttlMs: page.ttlMs,
    etag:
      build && versionBefore && versionBefore === versionAfter
        ? versionEtag(page.key, build, versionBefore)
        : undefined,
    souvenirId: page.souvenirId,
  };
  return cache.store(page.key, render, page.generation) ?? toCachedPage(page.key, render, Date.now());
}
