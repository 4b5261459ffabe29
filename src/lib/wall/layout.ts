import { LAYOUT_COOKIE, LAYOUT_PARAM, parseWallQuery, wallSearch } from './wall-query.ts';
import type { WallLayout } from './wall-query.ts';

/** The wall's own addresses (French and English), the only ones the layout applies to. */
export const WALL_PATHS: ReadonlySet<string> = new Set(['/', '/en/']);

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function layoutFromCookie(cookieHeader: string | null | undefined): WallLayout | null {
  if (!cookieHeader) return null;
  const match = new RegExp(`(?:^|;\\s*)${LAYOUT_COOKIE}=(encadre|pleine)(?:;|$)`).exec(cookieHeader);
  return match ? (match[1] as WallLayout) : null;
}

/**
 * The layout lives in the URL (`?mise-en-page=encadre`), so one address is one page for everyone
 * and every page can be cached. The cookie only brings a visitor who chose the boxed layout from
 * the plain (wide) wall address to the boxed one: the location to redirect to, or null.
 */
export function layoutRedirect(url: URL, cookieHeader: string | null | undefined): string | null {
  if (!WALL_PATHS.has(url.pathname) || url.searchParams.has(LAYOUT_PARAM)) return null;
  if (layoutFromCookie(cookieHeader) !== 'encadre') return null;
  const { query } = parseWallQuery(url.searchParams);
  return url.pathname + wallSearch({ year: query.year, tag: query.tag, cursor: query.rawCursor, layout: 'encadre' });
}

/**
 * Where the layout toggle sends the visitor: the wall view they were on (`retour`, a local wall
 * address; anything else becomes the French wall) in the chosen layout.
 */
export function layoutChoiceTarget(choice: WallLayout, back: string | null): string {
  let url: URL;
  try {
    url = new URL(back && back.startsWith('/') && !back.startsWith('//') ? back : '/', 'http://local');
  } catch {
    url = new URL('/', 'http://local');
  }
  const path = WALL_PATHS.has(url.pathname) ? url.pathname : '/';
  const { query } = parseWallQuery(url.searchParams);
  return path + wallSearch({ year: query.year, tag: query.tag, cursor: query.rawCursor, layout: choice });
}

export function layoutCookie(choice: WallLayout, secure: boolean): string {
  return `${LAYOUT_COOKIE}=${choice}; Path=/; Max-Age=${ONE_YEAR_SECONDS}; SameSite=Lax; HttpOnly${secure ? '; Secure' : ''}`;
}
