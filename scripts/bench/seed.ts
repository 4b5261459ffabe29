/**
 * Fills a fresh database with approved souvenirs and comments for the benchmark: one multi-row
 * INSERT per batch (rows travel as one JSON parameter, `json_to_recordset` turns them into rows),
 * which works alike on PostgreSQL and PGlite and needs no COPY support from the driver.
 */
import { createHash, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Kysely, RawBuilder } from 'kysely';
import type { Database } from '../../db/types.ts';
import { recomputeWallStats } from '../../src/lib/wall/figures.ts';
import { TextMaker } from './fake-text.ts';
import { progressBar } from './progress.ts';

export interface SeedOptions {
  souvenirs: number;
  comments: number;
  /** Batches in flight at once (PostgreSQL has several connections; PGlite one). */
  concurrency: number;
  batchSize?: number;
}

export interface SeedResult {
  /** The souvenir given exactly `COMMENTED_SOUVENIR_COMMENTS` comments, for the souvenir-page run. */
  commentedPublicId: string;
  seconds: number;
}

export const COMMENTED_SOUVENIR_COMMENTS = 50;
const PEOPLE = 30_000;
const PINNED = 3;
/** Souvenirs were approved about every three minutes, the newest a minute ago. */
const SPACING_MS = 3 * 60_000;

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function personEmail(person: number): string {
  return `personne${person}@example.invalid`;
}

function personIpHash(person: number): string {
  return createHash('sha256').update(`ip-${person}`).digest('base64url').slice(0, 32);
}

function publicId(): string {
  return randomBytes(9).toString('base64url');
}

/** How many comments each souvenir gets: half spread evenly, half drawn to a few popular ones (about 70 at most). */
function planComments(souvenirs: number, comments: number, random: () => number, commented: number): Int32Array {
  const counts = new Int32Array(souvenirs);
  counts[commented] = Math.min(COMMENTED_SOUVENIR_COMMENTS, comments);
  // 7919 is prime and so scatters the popular souvenirs over the whole wall.
  for (let i = counts[commented]!; i < comments; i++) {
    const skewed = random() < 0.5 ? random() ** 1.5 : random();
    let index = (Math.floor(souvenirs * skewed) * 7919) % souvenirs;
    if (index === commented) index = (index + 1) % souvenirs;
    counts[index]!++;
  }
  return counts;
}

async function inBatches(
  total: number,
  size: number,
  concurrency: number,
  run: (start: number, end: number) => Promise<void>,
) {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const start = next;
      next = Math.min(total, next + size);
      await run(start, next);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/**
 * Runs one batch with foreign-key triggers off (`session_replication_role = replica`): the rows
 * are consistent by construction, and checking 300 000 references one by one doubles the seed.
 */
async function bulkInsert(db: Kysely<Database>, insert: RawBuilder<unknown>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`set local session_replication_role = replica`.execute(trx);
    await insert.execute(trx);
  });
}

export async function seedBenchData(db: Kysely<Database>, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  const text = new TextMaker(20_151_113);
  const batchSize = options.batchSize ?? 2_000;
  const now = Date.now();
  const commented = Math.min(options.souvenirs - 1, 5_000);
  const plan = planComments(options.souvenirs, options.comments, text.random, commented);
  const approvedAt = new Float64Array(options.souvenirs);
  const publicIds: string[] = new Array(options.souvenirs);

  // Ids are given (OVERRIDING SYSTEM VALUE) so comments and replies can point at rows not yet
  // read back; the identity sequences are moved past them afterwards.
  const souvenirBar = progressBar('souvenirs', options.souvenirs);
  await inBatches(options.souvenirs, batchSize, options.concurrency, async (start, end) => {
    const rows = [];
    for (let i = start; i < end; i++) {
      const fake = text.souvenir();
      const person = Math.floor(text.random() * PEOPLE);
      approvedAt[i] = now - 60_000 - (options.souvenirs - 1 - i) * SPACING_MS;
      publicIds[i] = publicId();
      rows.push({
        id: i + 1,
        public_id: publicIds[i],
        author_name: fake.authorName,
        author_email: personEmail(person),
        title: fake.title,
        body_raw: fake.bodyRaw,
        body_html: fake.bodyHtml,
        memory_year: fake.memoryYear,
        event: fake.event,
        hashtags: fake.hashtags,
        comment_count: plan[i],
        ip_hash: personIpHash(person),
        token_hash: hashOf(`bench-souvenir-${i}-${publicIds[i]}`),
        approved_at: new Date(approvedAt[i]!).toISOString(),
      });
    }
    await bulkInsert(
      db,
      sql`
      insert into souvenir (id, public_id, author_name, author_email, title, body_raw, body_html, memory_year, event,
        hashtags, locale, status, pinned, comment_count, ip_hash, token_hash, consent_at, created_at, updated_at, approved_at)
      overriding system value
      select id, public_id, author_name, author_email, title, body_raw, body_html, memory_year, event,
        hashtags, 'fr', 'approved', false, comment_count, ip_hash, token_hash,
        approved_at - interval '2 hours', approved_at - interval '2 hours', approved_at, approved_at
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(id int, public_id text, author_name text,
        author_email text, title text, body_raw text, body_html text, memory_year int, event text, hashtags text[],
        comment_count int, ip_hash text, token_hash text, approved_at timestamptz)`,
    );
    souvenirBar.tick(end - start);
  });
  souvenirBar.done();

  // A batch of comments holds whole souvenirs, so a reply and the comment it answers (the first of
  // its souvenir; one comment in five is a reply) are always written by the same statement.
  const firstComment = new Int32Array(options.souvenirs + 1);
  for (let i = 0; i < options.souvenirs; i++) firstComment[i + 1] = firstComment[i]! + plan[i]!;
  const commentBar = progressBar('comments', options.comments);
  await inBatches(options.souvenirs, batchSize, options.concurrency, async (start, end) => {
    const rows = [];
    for (let owner = start; owner < end; owner++) {
      for (let k = firstComment[owner]!; k < firstComment[owner + 1]!; k++) {
        const fake = text.comment();
        const person = Math.floor(text.random() * PEOPLE);
        const approved =
          approvedAt[owner]! + ((k - firstComment[owner]! + text.random()) / plan[owner]!) * (now - approvedAt[owner]!);
        const isReply = k !== firstComment[owner] && k % 5 === 0;
        rows.push({
          id: k + 1,
          public_id: publicId(),
          souvenir_id: owner + 1,
          parent_id: isReply ? firstComment[owner]! + 1 : null,
          author_name: fake.authorName,
          author_email: personEmail(person),
          body_raw: fake.bodyRaw,
          body_html: fake.bodyHtml,
          ip_hash: personIpHash(person),
          token_hash: text.random() < 0.5 ? hashOf(`bench-comment-${k}-${start}`) : null,
          approved_at: new Date(approved).toISOString(),
        });
      }
    }
    if (rows.length === 0) return;
    await bulkInsert(
      db,
      sql`
      insert into comment (id, public_id, souvenir_id, parent_id, author_name, author_email, body_raw, body_html, status,
        ip_hash, token_hash, locale, created_at, updated_at, approved_at)
      overriding system value
      select id, public_id, souvenir_id, parent_id, author_name, author_email, body_raw, body_html, 'approved',
        ip_hash, token_hash, 'fr', approved_at - interval '10 minutes', approved_at, approved_at
      from json_to_recordset(${JSON.stringify(rows)}::json) as r(id int, public_id text, souvenir_id int, parent_id int,
        author_name text, author_email text, body_raw text, body_html text, ip_hash text, token_hash text,
        approved_at timestamptz)`,
    );
    commentBar.tick(rows.length);
  });
  commentBar.done();

  for (const table of ['souvenir', 'comment']) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select coalesce(max(id), 0) + 1 from ${sql.table(table)}), false)`.execute(
      db,
    );
  }
  await sql`update souvenir set pinned = true where id in (select id from souvenir order by id desc offset 50 limit ${PINNED})`.execute(
    db,
  );
  // The wall's kept figures, per-year and per-hashtag counts: their triggers were off with the foreign keys.
  await recomputeWallStats(db);
  // Vacuumed as well as analysed: left to autovacuum, the fresh rows were vacuumed during the
  // measurements, and its CPU was counted as the database's share of a crawled page.
  await sql`vacuum analyze`.execute(db);
  return { commentedPublicId: publicIds[commented]!, seconds: (performance.now() - started) / 1000 };
}

/** Rows whose kept comment count disagrees with their approved comments (0 when the seed is consistent). */
export async function countInconsistentSouvenirs(db: Kysely<Database>): Promise<number> {
  const result = await sql<{ n: number }>`
    select count(*)::int as n from souvenir s
    left join (select souvenir_id, count(*)::int as c from comment where status = 'approved' group by souvenir_id) k
      on k.souvenir_id = s.id
    where s.comment_count <> coalesce(k.c, 0)`.execute(db);
  return result.rows[0]!.n;
}
