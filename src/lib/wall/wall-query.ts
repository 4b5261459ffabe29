import { localizedPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { decodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';

/** Pleine largeur (the default: cards in rows of columns) or encadré (a calm centred column). */
export type WallLayout = 'encadre' | 'pleine';
export const WALL_LAYOUTS: readonly WallLayout[] = ['pleine', 'encadre'];
/** Only the boxed layout appears in URLs: the wide wall is the plain address (issue 15, item 6). */
export const LAYOUT_PARAM = 'mise-en-page';
/** Remembers the visitor's choice; read only to redirect the plain wall address (layout.ts). */
export const LAYOUT_COOKIE = 'mur_layout';

/** What a wall URL asks for, parsed and checked. */
export interface WallQuery {
  year: number | null;
  tag: string | null;
  /** The `?avant=` value as given, and decoded (null when absent or not one of ours). */
  rawCursor: string | null;
  cursor: KeysetCursor | null;
  layout: WallLayout;
}

export type WallParamProblem = 'annee' | 'tag' | 'avant';

const TAG = /^[\p{L}\p{N}_]{2,50}$/u;

export function parseYear(value: string | null): number | null {
  if (!value || !/^\d{4}$/.test(value)) return null;
  const year = Number(value);
  return year >= 1800 && year <= 2200 ? year : null;
}

export function parseTag(value: string | null): string | null {
  if (!value) return null;
  const tag = value.replace(/^#/, '').toLocaleLowerCase('fr');
  return TAG.test(tag) ? tag : null;
}

/**
 * A URL parameter through its parser (the wall's and the search's `annee`, `tag`, cursor): one
 * that is given but does not parse is added to `problems` and read as absent.
 */
export function readParam<T, P extends string>(
  params: URLSearchParams,
  name: P,
  parse: (value: string | null) => T | null,
  problems: P[],
): T | null {
  const raw = params.get(name);
  const value = parse(raw);
  if (raw && value === null) problems.push(name);
  return value;
}

/** The query a wall URL carries; parameters that do not parse are reported and ignored. */
export function parseWallQuery(params: URLSearchParams): { query: WallQuery; problems: WallParamProblem[] } {
  const problems: WallParamProblem[] = [];
  const year = readParam(params, 'annee', parseYear, problems);
  const tag = readParam(params, 'tag', parseTag, problems);
  const cursor = readParam(params, 'avant', decodeKeysetCursor, problems);
  const layout: WallLayout = params.get(LAYOUT_PARAM) === 'encadre' ? 'encadre' : 'pleine';
  return { query: { year, tag, rawCursor: cursor ? params.get('avant') : null, cursor, layout }, problems };
}

export interface WallLink {
  year?: number | null;
  tag?: string | null;
  cursor?: string | null;
  layout?: WallLayout;
}

/**
 * The canonical query string of a wall view ('' or '?…'), parameters in a fixed order: the
 * render cache serves only URLs written exactly so (cache-policy.ts), so every link uses this.
 */
export function wallSearch(link: WallLink): string {
  const params = new URLSearchParams();
  if (link.year != null) params.set('annee', String(link.year));
  if (link.tag) params.set('tag', link.tag);
  if (link.cursor) params.set('avant', link.cursor);
  if (link.layout === 'encadre') params.set(LAYOUT_PARAM, 'encadre');
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function wallHref(locale: Locale, link: WallLink): string {
  return localizedPath(locale, '/') + wallSearch(link);
}

/** The same query string, rewritten canonically (for comparing with what was asked). */
export function canonicalWallSearch(params: URLSearchParams): string {
  const { query } = parseWallQuery(params);
  return wallSearch({ year: query.year, tag: query.tag, cursor: query.rawCursor, layout: query.layout });
}
