import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from '../souvenirs/model.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { keyset, keysetPage } from '../pagination/keyset.ts';
import { encodeSearchCursor } from './search-query.ts';
import type { SearchCursor } from './search-query.ts';
import { excerptSegments } from './excerpt.ts';
import type { ExcerptSegment } from './excerpt.ts';

export const SEARCH_PAGE_SIZE = 20;

export interface SearchHit {
  souvenir: PublicSouvenir;
  /** Words of the body around what matched, the matching words marked (plain text, not HTML). */
  excerpt: ExcerptSegment[];
}

export interface SearchPage {
  hits: SearchHit[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
  /** More souvenirs match than are ranked (SEARCH_RANKED_MATCHES): the newest of them are shown. */
  capped: boolean;
}

export interface SearchOptions {
  /** What the visitor typed, in web-search syntax ("a phrase", -excluded, or). */
  q: string;
  year?: number | null;
  tag?: string | null;
  cursor?: SearchCursor | null;
  limit?: number;
}

// ts_headline returns the document as given: it is given the body's text still escaped (tags
// dropped, character references kept, migration 300), so a literal `<mark>` can only be ours.
const HEADLINE_OPTIONS =
  'StartSel=<mark>, StopSel=</mark>, MaxWords=32, MinWords=14, MaxFragments=2, FragmentDelimiter=" … "';

/**
 * How many matches are ranked: the newest this many. A word of nearly every text ("salle") would
 * otherwise rank the whole wall for each page (9 s at 100 000 souvenirs under load in `npm run
 * bench`); past this many the page says so and suggests a year or another word.
 */
export const SEARCH_RANKED_MATCHES = 1000;

/**
 * The one statement of a search page: the newest SEARCH_RANKED_MATCHES matches (through the GIN
 * index, souvenir_search_idx, or for a very common word by walking the wall's own index), ranked,
 * the page by keyset, then an excerpt for the page's rows only. Exported so the plan test
 * explains exactly what searchSouvenirs sends.
 */
export function searchStatement(db: Kysely<Database>, options: SearchOptions & { q: string }) {
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  const query = sql<string>`souvenir_search_query(${options.q})`;
  return (
    db
      .with('matched', (qb) => {
        let matching = qb
          .selectFrom('souvenir')
          .select(PUBLIC_SOUVENIR_COLUMNS)
          .select('search_document')
          .where('status', '=', 'approved')
          .where('hidden_by_reports', '=', false)
          .where(sql<boolean>`search_document @@ ${query}`);
        if (options.year != null) matching = matching.where('memory_year', '=', options.year);
        if (options.tag) matching = matching.where(sql<boolean>`hashtags @> array[${options.tag}]::text[]`);
        return matching.orderBy('approved_at', 'desc').orderBy('id', 'desc').limit(SEARCH_RANKED_MATCHES);
      })
      // Ranked here, after the limit: ts_rank reads each document, so only the kept matches pay it.
      .with('scored', (qb) =>
        qb
          .selectFrom('matched')
          .select(PUBLIC_SOUVENIR_COLUMNS)
          .select(sql<number>`(ts_rank(search_document, ${query}) * 1000000)::integer`.as('score')),
      )
      .selectFrom((qb) =>
        qb
          .selectFrom('scored')
          .selectAll()
          .$call(keyset({ at: 'score', id: 'id', direction: 'desc', cursor: options.cursor, limit }))
          .as('page'),
      )
      .selectAll('page')
      .select(
        sql<string>`ts_headline(case when page.locale = 'en' then 'search_en'::regconfig else 'search_fr'::regconfig end,
        search_body_text(page.body_html), ${query}, ${HEADLINE_OPTIONS})`.as('headline'),
      )
      .select((eb) => eb.selectFrom('matched').select(eb.fn.countAll<number>().as('n')).as('considered'))
      .orderBy('score', 'desc')
      .orderBy('id', 'desc')
  );
}

/**
 * Approved souvenirs matching `q` in their title, event, hashtags, author's name or text, accents
 * and case aside, French and English words by their stem; best match first (title over event and
 * hashtags over name over text), keyset-paginated on (score, id). Words that match nothing, only
 * stop words or broken syntax give an empty page, never an error.
 */
export async function searchSouvenirs(db: Kysely<Database>, options: SearchOptions): Promise<SearchPage> {
  const limit = options.limit ?? SEARCH_PAGE_SIZE;
  if (!options.q.trim()) return { hits: [], next: null, capped: false };
  const rows = await searchStatement(db, options).execute();
  const page = keysetPage<(typeof rows)[number], SearchCursor>(
    rows,
    limit,
    (row) => ({ at: row.score, id: row.id }),
    encodeSearchCursor,
  );
  return {
    hits: page.items.map((row) => ({ souvenir: toPublicSouvenir(row), excerpt: excerptSegments(row.headline) })),
    next: page.next,
    capped: Number(rows[0]?.considered ?? 0) >= SEARCH_RANKED_MATCHES,
  };
}
