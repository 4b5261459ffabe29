import { localizedPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { parseTag, parseYear, readParam } from '../wall/wall-query.ts';
import { encodeNumberPair, decodeNumberPair } from '../pagination/keyset-cursor.ts';
import type { KeysetPosition } from '../pagination/keyset.ts';

/** The search page's French path; English pages take the same slug under /en/, as every page here. */
export const SEARCH_PATH = '/recherche';
export const SEARCH_PATHS: ReadonlySet<string> = new Set([SEARCH_PATH, localizedPath('en', SEARCH_PATH)]);

/** Longer questions are cut: no souvenir needs more words to be found, and the cache key stays short. */
export const MAX_QUERY_LENGTH = 200;

/** A position in the ranked results: the score (ts_rank × 1 000 000, an integer) and the id. */
export interface SearchCursor extends KeysetPosition {
  at: number;
}

/** What a search URL asks for, parsed and checked. */
export interface SearchRequest {
  /** The words, tidied (see normaliseQuery); '' when nothing was asked. */
  q: string;
  year: number | null;
  tag: string | null;
  /** The `?suite=` value as given when it decoded, and decoded. */
  rawCursor: string | null;
  cursor: SearchCursor | null;
}

export type SearchParamProblem = 'annee' | 'tag' | 'suite';

/**
 * The words as searched and shown back: controls removed (PostgreSQL refuses NUL in text, and
 * none belongs in a question), white space collapsed, cut to MAX_QUERY_LENGTH characters.
 */
export function normaliseQuery(value: string | null): string {
  if (!value) return '';
  const tidy = value
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
  return Array.from(tidy).slice(0, MAX_QUERY_LENGTH).join('').trim();
}

export function encodeSearchCursor(cursor: SearchCursor): string {
  return encodeNumberPair(cursor.at, cursor.id);
}

/** Null when the value is not a cursor we made. */
export function decodeSearchCursor(value: string | null | undefined): SearchCursor | null {
  const pair = decodeNumberPair(value, 7);
  if (!pair) return null;
  const [at, id] = pair;
  return at <= 2_147_483_647 && id <= 2_147_483_647 ? { at, id } : null;
}

export function parseSearchRequest(params: URLSearchParams): {
  request: SearchRequest;
  problems: SearchParamProblem[];
} {
  const problems: SearchParamProblem[] = [];
  const year = readParam(params, 'annee', parseYear, problems);
  const tag = readParam(params, 'tag', parseTag, problems);
  const cursor = readParam(params, 'suite', decodeSearchCursor, problems);
  const q = normaliseQuery(params.get('q'));
  return { request: { q, year, tag, rawCursor: cursor ? params.get('suite') : null, cursor }, problems };
}

export interface SearchLink {
  q: string;
  year?: number | null;
  tag?: string | null;
  cursor?: string | null;
}

/**
 * The canonical query string of a search ('' or '?…'), in the order the search form sends its
 * fields, so a form's GET is already canonical and the front cache serves it (cache-policy.ts).
 */
export function searchQueryString(link: SearchLink): string {
  const params = new URLSearchParams();
  if (link.q) params.set('q', link.q);
  if (link.year != null) params.set('annee', String(link.year));
  if (link.tag) params.set('tag', link.tag);
  if (link.cursor) params.set('suite', link.cursor);
  const search = params.toString();
  return search ? `?${search}` : '';
}

export function searchHref(locale: Locale, link: SearchLink): string {
  return localizedPath(locale, SEARCH_PATH) + searchQueryString(link);
}

/** The same query string rewritten canonically (the cache stores only canonical addresses). */
export function canonicalSearchQueryString(params: URLSearchParams): string {
  const { request } = parseSearchRequest(params);
  return searchQueryString({ q: request.q, year: request.year, tag: request.tag, cursor: request.rawCursor });
}
