import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { contributionsOf } from './kinds.ts';
import type { ContributionKind, ContributionStatus } from './kinds.ts';

/** Narrows any kind's query (every one names its item `c`) the same way: by status, by ids, by page. */
export type Narrowing = <DB, TB extends keyof DB, O>(
  query: SelectQueryBuilder<DB, TB, O>,
) => SelectQueryBuilder<DB, TB, O>;

/** What a moderator narrows the queue to; empty, every item of the status. */
export interface QueueFilter {
  /**
   * Words found in the text, the title or the name (any case, any accent; searchTerms reads
   * "phrases" and -exclusions). Not the address: the search is in
   * the page's address, which a proxy's log keeps (the admins' data page takes an address by POST).
   */
  text?: string | null;
  /** Only what the rules flagged or visitors' reports hid: the hostile part of the queue first. */
  flagged?: boolean;
}

/** At most this many terms are searched (a pasted paragraph is not a query); exclusions are kept first. */
export const MOST_SEARCH_TERMS = 16;

/** What a search asks: terms that must all be found, and terms that must not be. */
export interface SearchTerms {
  include: string[];
  exclude: string[];
}

// A term: an optional leading minus, then "a phrase" (closed or not) or a word. Typographic
// quotes count as quotes: a French keyboard types « » and “ ”.
const TERM = /(-?)(?:"([^"]*)"?|([^\s"-][^\s"]*))/g;
const QUOTES = /[«»“”„]/g;

/**
 * The terms of a moderator's search, as search boxes read them: words each found somewhere (in
 * any order), "a phrase" found as typed, -word or -"a phrase" found nowhere. Blanks inside quotes
 * are kept; a lone minus or empty quotes ask nothing.
 */
export function searchTerms(text: string | null | undefined): SearchTerms {
  const include: string[] = [];
  const exclude: string[] = [];
  for (const match of (text ?? '').replace(QUOTES, '"').matchAll(TERM)) {
    const term = (match[2] ?? match[3] ?? '').trim();
    if (term) (match[1] ? exclude : include).push(term);
  }
  // Past the limit, words asked for go before words asked away: a dropped exclusion would show
  // exactly what the moderator asked not to see.
  const kept = exclude.slice(0, MOST_SEARCH_TERMS);
  return { include: include.slice(0, MOST_SEARCH_TERMS - kept.length), exclude: kept };
}

/** Whether the filter narrows anything (a search of blanks, or of quotes alone, does not). */
export const isFiltering = (filter: QueueFilter | undefined): boolean => {
  const { include, exclude } = searchTerms(filter?.text);
  return include.length + exclude.length > 0 || Boolean(filter?.flagged);
};

/**
 * A LIKE pattern finding `term` anywhere, folded as the columns are (fold_text), its `%`, `_` and
 * backslashes then taken literally: escaped after folding, since unaccent turns fullwidth ％ ＿ ＼ into
 * the wildcards themselves.
 */
function containing(term: string) {
  return sql<string>`'%' || replace(replace(replace(fold_text(${term}), '\\', '\\\\'), '%', '\\%'), '_', '\\_') || '%'`;
}

/** The filter's conditions on any kind's query (each names its item `c`; a souvenir has a title too). */
export function filtered(kind: ContributionKind, filter: QueueFilter | undefined): Narrowing {
  const { include, exclude } = searchTerms(filter?.text);
  const columns = ['c.body_raw', 'c.author_name', ...(kind === 'souvenir' ? ['c.title'] : [])];
  // Found in any column; accents and case folded on both sides (fold_text, migration
  // 2026_12_07_400). A missing title is '' here, so "found nowhere" is true of it, never null.
  const foundSomewhere = (term: string) =>
    sql<boolean>`(${sql.join(
      columns.map((column) => sql`fold_text(coalesce(${sql.ref(column)}, '')) like ${containing(term)}`),
      sql` or `,
    )})`;
  return (query) => {
    let narrowed = query;
    for (const term of include) narrowed = narrowed.where(foundSomewhere(term));
    for (const term of exclude) narrowed = narrowed.where(sql<boolean>`not ${foundSomewhere(term)}`);
    if (filter?.flagged) {
      narrowed = narrowed.where(
        sql<boolean>`(cardinality(${sql.ref('c.flag_reasons')}) > 0 or ${sql.ref('c.hidden_by_reports')})`,
      );
    }
    return narrowed;
  };
}

/**
 * How many items of a kind and status the filter keeps, on every page of the list: the queue says
 * "2 of 3 match" while its heading keeps the tab's total. Counted per request (a search is not a
 * kept count), on the item's own table: a comment's search reads no joined column.
 */
export async function countMatching(
  db: Kysely<Database>,
  kind: ContributionKind,
  status: ContributionStatus,
  filter: QueueFilter,
): Promise<number> {
  const row = await contributionsOf(db)
    .selectFrom(`${kind} as c`)
    .select(sql<number>`count(*)::int`.as('n'))
    .where(sql<boolean>`${sql.ref('c.status')} = ${status}`)
    .$call(filtered(kind, filter))
    .executeTakeFirstOrThrow();
  return row.n;
}
