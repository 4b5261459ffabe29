import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { CommentThread } from '../comments/list-comments.ts';
import { localeFromPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { localeView } from '../i18n/locals.ts';
import { KeptShells } from '../render/kept-shells.ts';
import type { FilledPage } from '../render/kept-shells.ts';
import { cutShell, fillShell } from '../render/page-shell.ts';
import { souvenirPageParts } from '../render/souvenir-page.ts';
import type { SouvenirHole } from '../render/souvenir-page.ts';
import { findSouvenirOwnPage } from '../souvenirs/own-page.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { SOUVENIR_PAGE_PATH } from './cache-policy.ts';
import { renderCache } from './render-cache.ts';
import { shellCounts } from './shell-counts.ts';

/**
 * Souvenirs' own pages from the shell of another one (issue 19: a crawler's or a shared link's
 * first visit cost a whole Astro render, about 5 ms of CPU). Asked at their bare address, two
 * souvenirs' pages differ only in the parts souvenirPageParts writes: their head, language
 * switch, card, share button, report form, comments and the comment form's target. So the first
 * such page Astro renders after a change is kept cut at those parts, each found exactly once, and
 * the other souvenirs' pages in that language are one read, their templates and a join.
 */

/** What [id].astro tells the middleware about a souvenir's page it rendered at its bare address. */
export interface SouvenirShellSeed {
  souvenir: PublicSouvenir;
  threads: CommentThread[];
  /** The origin its absolute links were written with (locals.origin). */
  origin: string;
}

/** A souvenir's page asked at its bare address: which souvenir, and the key of its language's shell. */
export interface SouvenirPageRequest {
  publicId: string;
  locale: Locale;
  /** The page's cache key without the souvenir's id: one shell per language and origin. */
  shellKey: string;
}

/** The souvenir page a URL asks for with nothing else (no answer to a form, no report open), or null. */
export function souvenirPageRequest(url: URL, cacheKey: string): SouvenirPageRequest | null {
  if (url.search !== '' || !SOUVENIR_PAGE_PATH.test(url.pathname) || !cacheKey.endsWith(url.pathname)) return null;
  const publicId = url.pathname.slice(url.pathname.lastIndexOf('/') + 1);
  return {
    publicId,
    locale: localeFromPath(url.pathname),
    shellKey: cacheKey.slice(0, cacheKey.length - publicId.length),
  };
}

/** Languages times origins: a site answers under one origin, or two behind a proxy being set up. */
const MAX_SHELLS = 8;

export class SouvenirShells {
  readonly counts = shellCounts('souvenir');
  #kept: KeptShells<SouvenirHole, { origin: string }>;
  #refusalSaid = false;

  constructor(max = MAX_SHELLS) {
    this.#kept = new KeptShells(max);
  }

  has(shellKey: string, generation: number): boolean {
    return this.#kept.has(shellKey, generation);
  }

  /**
   * Cuts `html` (the page of `seed.souvenir` Astro rendered at `generation`) into its language's
   * shell, unless it has one. Not kept when a part is not found exactly once, or when the
   * souvenir's id is still written outside its parts: another souvenir's page would show it.
   */
  keep(
    request: SouvenirPageRequest,
    generation: number,
    headers: Headers,
    html: string,
    seed: SouvenirShellSeed,
  ): boolean {
    const { souvenir, threads, origin } = seed;
    let refused = false;
    const cut = () => {
      const parts = souvenirPageParts(localeView(request.locale), souvenir, threads, origin);
      const shell = cutShell<SouvenirHole>(
        html,
        (Object.keys(parts) as SouvenirHole[]).map((hole) => ({ hole, text: parts[hole], count: 1 })),
      );
      refused = !shell || shell.bytes.some((part) => part.includes(souvenir.publicId));
      return refused ? null : shell;
    };
    const kept = this.#kept.keep(request.shellKey, generation, headers, cut, { origin });
    if (kept) this.counts.cut++;
    if (refused && !this.#refusalSaid) {
      // Every bare page is then rendered whole: a template no longer writes what its component
      // writes (tests/e2e/souvenir-shell.test.ts would say where). Said once, not per page.
      this.#refusalSaid = true;
      console.warn("[shells] a souvenir's page could not be cut into its shell; such pages are rendered whole");
    }
    return kept;
  }

  /** The page from its language's shell kept at `generation`, read as [id].astro reads it; null without a shell or a published souvenir. */
  async fill(db: Kysely<Database>, request: SouvenirPageRequest, generation: number): Promise<FilledPage | null> {
    const kept = this.#kept.get(request.shellKey, generation);
    if (!kept) return null;
    const shown = await findSouvenirOwnPage(db, request.publicId);
    if (!shown) return null;
    const { souvenir, threads, version } = shown;
    const parts = souvenirPageParts(localeView(request.locale), souvenir, threads, kept.meta.origin);
    this.counts.filled++;
    return { body: fillShell(kept.shell, parts), headers: kept.headers, version, souvenirId: souvenir.id };
  }
}

// One per process, like the render cache it follows (render-cache.ts): /metrics reads its counts.
const KEY = Symbol.for('mur-des-souvenirs.souvenir-shells');
type Holder = { [KEY]?: SouvenirShells };

export function souvenirShells(): SouvenirShells {
  return ((globalThis as Holder)[KEY] ??= new SouvenirShells(renderCache().maxEntries === 0 ? 0 : MAX_SHELLS));
}
