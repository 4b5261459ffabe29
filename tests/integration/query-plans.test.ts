/**
 * Guard rails, not timings: at 100 000 souvenirs and comments, PostgreSQL answers the wall's
 * queries from indexes. Each query is the one the real domain function sends (caught by a
 * Kysely log hook, with its parameters), explained as the server would plan it.
 * PostgreSQL only: PGlite embeds the same planner, but CI's planner statistics live there.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { randomBytes } from 'node:crypto';
import { CompiledQuery, sql } from 'kysely';
import type { Kysely, LogEvent } from 'kysely';
import pg from 'pg';
import { createDb, migrateToLatest } from '../../db/index.ts';
import type { Database, DbHandle } from '../../db/index.ts';
import { wallPage, pinnedSouvenirs, WALL_PAGE_SIZE } from '../../src/lib/souvenirs/wall.ts';
import { encodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { mostCommented } from '../../src/lib/comments/most-commented.ts';
import { listApprovedComments } from '../../src/lib/comments/list-comments.ts';

const url = process.env.DATABASE_URL;
const ROWS = 100_000;

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function nodesOf(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodesOf)];
}

async function admin(statement: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(statement);
  await client.end();
}

describe.skipIf(!url)('query plans at 100 000 souvenirs [postgres]', () => {
  const schema = `plans_${randomBytes(6).toString('hex')}`;
  const sent: CompiledQuery[] = [];
  let handle: DbHandle;
  let db: Kysely<Database>;

  /** The plan of every query `run` sends, as PostgreSQL would execute it. */
  async function plansOf(run: (db: Kysely<Database>) => Promise<unknown>): Promise<PlanNode[]> {
    sent.length = 0;
    await run(db);
    const queries = [...sent];
    expect(queries.length).toBeGreaterThan(0);
    const plans: PlanNode[] = [];
    for (const query of queries) {
      const explained = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        CompiledQuery.raw(`explain (format json) ${query.sql}`, [...query.parameters]),
      );
      plans.push(explained.rows[0]!['QUERY PLAN'][0].Plan);
    }
    return plans;
  }

  function expectIndexScansOnly(plans: PlanNode[]) {
    const nodes = plans.flatMap(nodesOf);
    const seqScans = nodes.filter(
      (n) => n['Node Type'] === 'Seq Scan' && ['souvenir', 'comment'].includes(n['Relation Name'] ?? ''),
    );
    expect(seqScans, JSON.stringify(plans, null, 1)).toEqual([]);
    const indexed = nodes.filter(
      (n) => /Index|Bitmap Heap/.test(n['Node Type']) && ['souvenir', 'comment'].includes(n['Relation Name'] ?? ''),
    );
    expect(indexed.length, JSON.stringify(plans, null, 1)).toBeGreaterThan(0);
  }

  beforeAll(async () => {
    await admin(`create schema "${schema}"`);
    const withPath = new URL(url!);
    withPath.searchParams.set('options', `-c search_path=${schema}`);
    const log = (event: LogEvent) => {
      if (event.level === 'query') sent.push(event.query);
    };
    handle = await createDb({ databaseUrl: withPath.toString(), log, poolSize: 2 });
    db = handle.db;
    await migrateToLatest(db, { schema });
    // One statement each (the wall's statement-level triggers keep their counts set-wise):
    // one souvenir in ten is not approved, one in seven carries #jazz, a third carry one of
    // a thousand rarer tags, a few are pinned.
    await sql`
      insert into souvenir (public_id, author_name, author_email, body_raw, body_html, memory_year, hashtags,
        status, pinned, comment_count, token_hash, consent_at, created_at, approved_at)
      select 'p' || g, 'Auteur ' || g, 'a' || (g % 5000) || '@example.invalid', 'Texte ' || g, '<p>Texte ' || g || '</p>',
        1970 + g % 46, case when g % 7 = 0 then array['jazz'] when g % 11 = 0 then array['rock']
          when g % 3 = 0 then array['t' || (g % 997)] else '{}' end,
        case when g % 10 = 0 then 'pending' else 'approved' end, g % 9000 = 1, case when g % 10 = 0 then 0 else g % 13 end,
        md5('token' || g), now(), now() - g * interval '1 minute',
        case when g % 10 = 0 then null else now() - g * interval '1 minute' end
      from generate_series(1, ${ROWS}) g`.execute(db);
    await sql`
      insert into comment (public_id, souvenir_id, author_name, author_email, body_raw, body_html, status, created_at, approved_at)
      select 'c' || g, 1 + g % ${ROWS}, 'Lecteur ' || g, 'l' || (g % 7000) || '@example.invalid', 'Merci ' || g,
        '<p>Merci ' || g || '</p>', 'approved', now() - g * interval '1 second', now() - g * interval '1 second'
      from generate_series(1, ${ROWS}) g`.execute(db);
    await sql`analyze`.execute(db);
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    await admin(`drop schema if exists "${schema}" cascade`);
  });

  it('reads the first page of the wall from an index', async () => {
    expectIndexScansOnly(await plansOf((db) => wallPage(db, { excludePinned: true })));
  });

  it('reads a page 1 000 pages deep by keyset from an index, never by OFFSET', async () => {
    const row = await db
      .selectFrom('souvenir')
      .select(['approved_at', 'id'])
      .where('status', '=', 'approved')
      .orderBy('approved_at', 'desc')
      .orderBy('id', 'desc')
      .offset(999 * WALL_PAGE_SIZE - 1)
      .limit(1)
      .executeTakeFirstOrThrow();
    const cursor = { at: row.approved_at!, id: row.id };
    expect(encodeKeysetCursor(cursor)).toMatch(/\./);
    const plans = await plansOf((db) => wallPage(db, { cursor, excludePinned: true }));
    expectIndexScansOnly(plans);
    expect(sent.every((q) => !/\boffset\b/i.test(q.sql))).toBe(true);
  });

  it('reads the wall of one year from an index', async () => {
    expectIndexScansOnly(await plansOf((db) => wallPage(db, { year: 1995 })));
  });

  it('reads the wall of one hashtag from an index', async () => {
    expectIndexScansOnly(await plansOf((db) => wallPage(db, { tag: 'jazz' })));
    // A rare tag must not walk the whole wall index filtering row by row: the GIN index finds it.
    const rare = (await plansOf((db) => wallPage(db, { tag: 't42' }))).flatMap(nodesOf);
    expect(rare.map((n) => n['Index Name'])).toContain('souvenir_hashtags_idx');
    expect(rare.map((n) => n['Index Name'])).not.toContain('souvenir_wall_idx');
    // A tag nobody used costs one lookup of its kept count and nothing else.
    sent.length = 0;
    expect((await wallPage(db, { tag: 'absent' })).souvenirs).toEqual([]);
    expect(sent.map((q) => q.sql).join('\n')).not.toMatch(/from "souvenir"/);
  });

  it('reads the pinned souvenirs from an index', async () => {
    expectIndexScansOnly(await plansOf((db) => pinnedSouvenirs(db)));
  });

  it('reads the most commented souvenirs from the kept counts through an index', async () => {
    expectIndexScansOnly(await plansOf((db) => mostCommented(db)));
  });

  it("reads a souvenir's comments from an index", async () => {
    expectIndexScansOnly(await plansOf((db) => listApprovedComments(db, 4_242)));
  });
});
