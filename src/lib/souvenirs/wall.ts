import { sql } from 'kysely';
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from './model.ts';
import { photoRowsColumn, shownPhotos } from '../photos/shown.ts';
import type { PhotoVariantRow } from '../photos/shown.ts';
import { contentVersionColumn } from '../wall/content-version.ts';
import type { PublicSouvenir, PublicSouvenirRow } from './model.ts';
import { keyset, keysetPage } from '../pagination/keyset.ts';
import { executePrepared, valuesStatement } from '../../../db/prepared-statements.ts';
import type { KeysetCursor } from '../pagination/keyset-cursor.ts';

export const WALL_PAGE_SIZE = 20;

export interface WallPage {
  souvenirs: PublicSouvenir[];
  /** Cursor of the next page, or null on the last one. */
  next: string | null;
  /** The content version (wall/content-version.ts) these souvenirs were read at; null when there are none. */
  version: string | null;
}

export interface WallFilter {
  /** Only souvenirs of this memory year. */
  year?: number | null;
  /** Only souvenirs carrying this hashtag (lower-case, without '#'). */
  tag?: string | null;
}

export interface WallPageOptions extends WallFilter {
  cursor?: KeysetCursor | null;
  limit?: number;
  /** Leave pinned souvenirs out (the unfiltered wall shows them above the list). */
  excludePinned?: boolean;
}

/** A souvenir read with its `photo_rows` column (photoRowsColumn): one statement for both. */
export function withItsPhotos(row: PublicSouvenirRow & { photo_rows: PhotoVariantRow[] }): PublicSouvenir {
  return { ...toPublicSouvenir(row), photos: shownPhotos(row.photo_rows) };
}

/**
 * What the public may see of the souvenirs: approved, not hidden by reports. Written in the
 * statement, not sent as parameters: the public pages' statements are kept prepared, and their
 * generic plan (planned once) is chosen only when PostgreSQL can see these constants (sent as
 * parameters, with `pinned`, it guessed a quarter of the rows and planned every run; issue 19).
 */
export function publiclyShown<O>(query: SelectQueryBuilder<Database, 'souvenir', O>) {
  return query.where('status', '=', sql.lit('approved')).where('hidden_by_reports', '=', sql.lit(false));
}

/** The souvenirs the public sees (publiclyShown), with their public columns. */
export function shownSouvenirs(db: Kysely<Database>) {
  return publiclyShown(db.selectFrom('souvenir').select(PUBLIC_SOUVENIR_COLUMNS));
}

/**
 * One page of approved souvenirs, newest approval first, by keyset (never OFFSET), each filter
 * served by an index (souvenir_wall_idx, souvenir_year_wall_idx, souvenir_hashtags_idx). One
 * query, and for a hashtag filter a one-row read of its kept count (wall_tag) before it.
 */
export async function wallPage(db: Kysely<Database>, options: WallPageOptions = {}): Promise<WallPage> {
  const limit = options.limit ?? WALL_PAGE_SIZE;
  // PostgreSQL cannot tell a rare hashtag from an absent one: for `?tag=` of a tag nobody used it
  // walked the wall's whole index (174 ms per page at 100 000 souvenirs, npm run bench). With the
  // kept counts: an absent tag costs nothing; a rare one is read through its GIN index and sorted
  // (`count` rows) rather than found by walking the wall (about limit × total / count rows).
  let rare = false;
  if (options.tag) {
    const kept = await db
      .selectFrom('wall_tag')
      .select(['souvenirs', (eb) => eb.selectFrom('wall_stat').select('souvenirs').where('id', '=', 1).as('total')])
      .where('tag', '=', options.tag)
      .executeTakeFirst();
    if (!kept) return { souvenirs: [], next: null, version: null };
    rare = kept.souvenirs ** 2 <= (limit + 1) * (kept.total ?? 0);
  }
  const { cursor } = options;
  const deep = cursor && !options.tag && options.year == null && options.excludePinned && limit === WALL_PAGE_SIZE;
  const rows = await executePrepared(
    db,
    deep ? deepWallStatement(db, [cursor.at, cursor.id]) : wallQuery(db, options, limit, rare),
  );
  // The cards' photos and the content version come in the same statement: one round trip a page.
  const souvenirs = rows.map(withItsPhotos);
  const page = keysetPage(souvenirs, limit, (s) => ({ at: s.approvedAt, id: s.id }));
  return { souvenirs: page.items, next: page.next, version: rows[0]?.content_version ?? null };
}

/** A wall page's statement, each filter served by an index (souvenir_wall_idx, souvenir_year_wall_idx, souvenir_hashtags_idx). */
function wallQuery(db: Kysely<Database>, options: WallPageOptions, limit: number, rare: boolean) {
  const matching = (qb: SelectQueryBuilder<Database, 'souvenir', object>) => {
    // `pinned` written in the statement too, for the same reason as publiclyShown's constants.
    let query = publiclyShown(qb);
    if (options.year != null) query = query.where('memory_year', '=', options.year);
    if (options.tag) query = query.where(sql<boolean>`hashtags @> array[${options.tag}]::text[]`);
    if (options.excludePinned) query = query.where('pinned', '=', sql.lit(false));
    return query;
  };
  const newestApprovalFirst = keyset({ at: 'approved_at', id: 'id', direction: 'desc', cursor: options.cursor, limit });
  return rare
    ? db
        // MATERIALIZED fences the planner: the tag's rows first (GIN), then the order.
        .with(
          (cte) => cte('tagged').materialized(),
          (qb) => matching(qb.selectFrom('souvenir')).select(PUBLIC_SOUVENIR_COLUMNS),
        )
        .selectFrom('tagged')
        .selectAll()
        .select([photoRowsColumn('tagged.id'), contentVersionColumn()])
        .$call(newestApprovalFirst)
    : matching(db.selectFrom('souvenir'))
        .select(PUBLIC_SOUVENIR_COLUMNS)
        .select([photoRowsColumn('souvenir.id'), contentVersionColumn()])
        .$call(newestApprovalFirst);
}

/**
 * The deep wall pages' statement (no filter, pinned souvenirs left out, after a cursor): a
 * crawler's walk and every "Voir plus", compiled once (valuesStatement); the probes are two
 * cursors no wall holds.
 */
const deepWallStatement = valuesStatement(
  (db: Kysely<Database>, [at, id]: readonly [Date, number]) =>
    wallQuery(db, { cursor: { at, id }, excludePinned: true }, WALL_PAGE_SIZE, false),
  [
    [new Date(Date.UTC(1900, 0, 1)), -1],
    [new Date(Date.UTC(1901, 1, 2, 3, 4, 5, 6)), -22],
  ],
);

/** Pinned souvenirs, newest approval first: shown above the first page of the unfiltered wall. */
export async function pinnedSouvenirs(db: Kysely<Database>, limit = 6): Promise<PublicSouvenir[]> {
  const rows = await shownSouvenirs(db)
    .select(photoRowsColumn('souvenir.id'))
    .where('pinned', '=', true)
    .orderBy('approved_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(withItsPhotos);
}
