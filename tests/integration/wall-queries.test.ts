/**
 * No N+1: what the wall page and a souvenir's page ask the database for costs a fixed number of
 * queries, whatever the number of souvenirs or comments shown (counted by the Kysely log hook
 * of describeEachDatabase).
 */
import { it, expect } from 'vitest';
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import { describeEachDatabase } from '../helpers/databases.ts';
import { wallPage, pinnedSouvenirs } from '../../src/lib/souvenirs/wall.ts';
import { readWallFigures, souvenirsByYear, popularTags } from '../../src/lib/wall/figures.ts';
import { mostCommented } from '../../src/lib/comments/most-commented.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';
import { findSouvenirOwnPage } from '../../src/lib/souvenirs/own-page.ts';

/** What the wall page (src/pages/[...lang]/index.astro) reads, for a page of `limit` souvenirs. */
async function wallPageData(db: Kysely<Database>, limit: number) {
  return Promise.all([
    readWallFigures(db),
    souvenirsByYear(db),
    popularTags(db),
    pinnedSouvenirs(db),
    wallPage(db, { limit, excludePinned: true }),
    mostCommented(db),
  ]);
}

/** Approved souvenirs, each with hashtags and `commentsEach` approved comments (one a reply). */
async function seed(db: Kysely<Database>, souvenirs: number, commentsEach: number) {
  await sql`
    insert into souvenir (public_id, author_name, author_email, body_raw, body_html, memory_year, hashtags,
      status, pinned, comment_count, token_hash, consent_at, approved_at)
    select 's' || g, 'Auteur ' || g, 'a' || g || '@example.invalid', 'Texte #jazz', '<p>Texte #jazz</p>',
      1990 + g % 20, array['jazz', 't' || (g % 4)], 'approved', g <= 2, ${commentsEach}, md5('t' || g), now(),
      now() - g * interval '1 minute'
    from generate_series(1, ${souvenirs}) g`.execute(db);
  await sql`
    insert into comment (public_id, souvenir_id, author_name, author_email, body_raw, body_html, status, approved_at)
    select 'c' || s.id || '-' || n, s.id, 'Lecteur', 'l' || n || '@example.invalid', 'Merci', '<p>Merci</p>', 'approved',
      now() - n * interval '1 second'
    from souvenir s, generate_series(1, ${commentsEach}) n`.execute(db);
  await sql`
    update comment c set parent_id = f.first from (select souvenir_id, min(id) as first from comment group by souvenir_id) f
    where c.souvenir_id = f.souvenir_id and c.id = f.first + 1`.execute(db);
}

describeEachDatabase('queries per page', (t) => {
  it('reads a wall page of 3 or of 40 souvenirs with the same fixed number of queries', async () => {
    await seed(t.db, 60, 3);
    t.queries.length = 0;
    const [, , , pinned, small] = await wallPageData(t.db, 3);
    const forSmall = t.queries.length;
    t.queries.length = 0;
    const [, years, tags, , large] = await wallPageData(t.db, 40);
    const forLarge = t.queries.length;

    expect(small.souvenirs).toHaveLength(3);
    expect(large.souvenirs).toHaveLength(40);
    expect(pinned).toHaveLength(2);
    expect(years.length).toBeGreaterThan(1);
    expect(tags.length).toBeGreaterThan(1);
    expect(forLarge).toBe(forSmall);
    // One query for each thing the page shows: figures, years, tags, pinned (with their photos),
    // the page (with its photos and content version), most commented.
    expect(forSmall).toBe(6);
  });

  it("reads a souvenir's comments in one query, whether it has 1 or 30", async () => {
    await seed(t.db, 2, 1);
    const few = await t.db.selectFrom('souvenir').select('id').where('public_id', '=', 's1').executeTakeFirstOrThrow();
    t.queries.length = 0;
    expect(await listApprovedComments(t.db, few.id)).toHaveLength(1);
    const forFew = t.queries.length;

    await sql`truncate comment, souvenir restart identity cascade`.execute(t.db);
    await seed(t.db, 2, 30);
    const many = await t.db.selectFrom('souvenir').select('id').where('public_id', '=', 's1').executeTakeFirstOrThrow();
    t.queries.length = 0;
    const threads = await listApprovedComments(t.db, many.id);
    expect(threads.flatMap((thread) => [thread.comment, ...thread.replies]).filter(Boolean)).toHaveLength(30);
    expect(t.queries.length).toBe(forFew);
    expect(forFew).toBe(1);
  });

  it('keeps the plan of a deep wall page and of a souvenir page on PostgreSQL instead of planning every visit', async () => {
    await seed(t.db, 60, 1);
    const ids = await t.db.selectFrom('souvenir').select(['public_id', 'approved_at', 'id']).orderBy('id').execute();
    await t.db.connection().execute(async (connection) => {
      for (const row of ids.slice(0, 12)) {
        const page = await wallPage(connection, { cursor: { at: row.approved_at!, id: row.id }, excludePinned: true });
        expect(page.souvenirs.every((s) => s.approvedAt! < row.approved_at!)).toBe(true);
        expect(await findSouvenirOwnPage(connection, row.public_id)).not.toBeNull();
      }
      if (t.engine !== 'postgres') return;
      const plans = await sql<{ statement: string; generic_plans: number }>`
        select statement, generic_plans::int as generic_plans from pg_prepared_statements`.execute(connection);
      const planOf = (pattern: RegExp) => plans.rows.find((row) => pattern.test(row.statement))?.generic_plans ?? 0;
      // After PostgreSQL's five custom plans, the rest ran on the plan it kept.
      expect(planOf(/\("approved_at", "id"\) </)).toBeGreaterThan(0);
      expect(planOf(/"public_id" = \$/)).toBeGreaterThan(0);
    });
  });
});
