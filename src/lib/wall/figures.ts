import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';

/** The wall's aggregate figures. */
export interface WallFigures {
  souvenirs: number;
  comments: number;
  contributors: number;
  candles: number;
}

export const NO_FIGURES: Readonly<WallFigures> = Object.freeze({
  souvenirs: 0,
  comments: 0,
  contributors: 0,
  candles: 0,
});

/**
 * The figures, read from the one row that triggers keep (see migration 004): a primary-key
 * lookup, never a count over the souvenirs.
 */
export async function readWallFigures(db: Kysely<Database>): Promise<WallFigures> {
  const row = await db
    .selectFrom('wall_stat')
    .select(['souvenirs', 'comments', 'contributors', 'candles'])
    .where('id', '=', 1)
    .executeTakeFirst();
  return row ?? { ...NO_FIGURES };
}

/**
 * Adds to the kept figures inside the caller's transaction. Souvenirs, comments and contributors
 * are kept by the database's triggers whenever a text's approval changes, so code that approves
 * or unapproves a text must NOT call this for them; it is for counts no trigger sees (candles).
 */
export async function adjustWallStats(trx: Kysely<Database>, delta: Partial<WallFigures>): Promise<void> {
  const d = { ...NO_FIGURES, ...delta };
  if (!d.souvenirs && !d.comments && !d.contributors && !d.candles) return;
  await trx
    .insertInto('wall_stat')
    .values({ id: 1, ...d })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        souvenirs: sql`wall_stat.souvenirs + excluded.souvenirs`,
        comments: sql`wall_stat.comments + excluded.comments`,
        contributors: sql`wall_stat.contributors + excluded.contributors`,
        candles: sql`wall_stat.candles + excluded.candles`,
      }),
    )
    .execute();
}

/** Rebuilds every kept count from the rows (after a manual change made with triggers off). */
export async function recomputeWallStats(db: Kysely<Database>): Promise<void> {
  await sql`select wall_recompute()`.execute(db);
}

export interface YearCount {
  year: number;
  souvenirs: number;
}

/** Approved souvenirs per memory year, oldest first, from the kept table. */
export async function souvenirsByYear(db: Kysely<Database>): Promise<YearCount[]> {
  return db.selectFrom('wall_year').select(['year', 'souvenirs']).where('souvenirs', '>', 0).orderBy('year').execute();
}

export interface TagCount {
  tag: string;
  souvenirs: number;
}

/** The most used hashtags among approved souvenirs, from the kept table. */
export async function popularTags(db: Kysely<Database>, limit = 24): Promise<TagCount[]> {
  return db
    .selectFrom('wall_tag')
    .select(['tag', 'souvenirs'])
    .where('souvenirs', '>', 0)
    .orderBy('souvenirs', 'desc')
    .orderBy('tag')
    .limit(limit)
    .execute();
}
