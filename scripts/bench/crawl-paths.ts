/**
 * What a crawler walks (issue 19 item 5): distinct deep wall pages and distinct souvenir pages,
 * each address asked once, so no answer can come from a cache.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { WALL_PAGE_SIZE } from '../../src/lib/souvenirs/wall.ts';
import { encodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

/** `count` items spread evenly over `all` (all of them when there are fewer). */
function spread<T>(all: T[], count: number): T[] {
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * all.length) / count)]!);
}

/**
 * The addresses of `count` distinct wall pages from page 2 to the last, spread evenly (so mostly
 * deep), as the "voir plus" links reach them: page p starts after the wall's ((p-1)·20)th card,
 * as cursorOfPage (bench-database.ts) computes one at a time.
 */
export async function deepWallPaths(db: Kysely<Database>, count: number): Promise<string[]> {
  const rows = await sql<{ approved_at: Date; id: number }>`
    select approved_at, id from (
      select approved_at, id, row_number() over (order by approved_at desc, id desc) as n
      from souvenir where status = 'approved' and pinned = false
    ) as ranked
    where n % ${WALL_PAGE_SIZE} = 0
    order by n`.execute(db);
  return spread(rows.rows, count).map(
    (row) => `/?avant=${encodeURIComponent(encodeKeysetCursor({ at: new Date(row.approved_at), id: row.id }))}`,
  );
}

/** The pages of `count` distinct published souvenirs, in a fixed pseudo-random order. */
export async function souvenirPagePaths(db: Kysely<Database>, count: number): Promise<string[]> {
  const rows = await db
    .selectFrom('souvenir')
    .select('public_id')
    .where('status', '=', 'approved')
    .where('hidden_by_reports', '=', false)
    .where('withdrawn_at', 'is', null)
    .orderBy(sql`md5(public_id)`)
    .limit(count)
    .execute();
  return rows.map((row) => `/souvenirs/${row.public_id}`);
}
