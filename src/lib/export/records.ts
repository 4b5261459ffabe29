import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { toPlainText } from '../sanitize/sanitize.ts';

/**
 * What the archive holds of a souvenir or a comment: the fields the site itself publishes, and
 * nothing else — never an email address, an IP hash, a token hash, or the raw text as submitted.
 * Ids are the public ones.
 */
export interface ExportedSouvenir {
  id: string;
  title: string | null;
  author_name: string;
  body_text: string;
  body_html: string;
  memory_year: number | null;
  event: string | null;
  hashtags: string[];
  locale: string;
  pinned: boolean;
  is_demo: boolean;
  candle_count: number;
  comment_count: number;
  approved_at: string | null;
  created_at: string;
}

export interface ExportedComment {
  id: string;
  souvenir_id: string;
  /** The public id of the comment it answers, when that one is published too. */
  parent_id: string | null;
  author_name: string;
  author_website: string | null;
  body_text: string;
  body_html: string;
  locale: string;
  approved_at: string | null;
  created_at: string;
}

const BATCH = 500;

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

/** Every approved souvenir, by id, in batches (keyset): memory stays flat however many there are. */
export async function* exportedSouvenirs(db: Kysely<Database>): AsyncGenerator<ExportedSouvenir> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('souvenir')
      .select([
        'id',
        'public_id',
        'title',
        'author_name',
        'body_html',
        'memory_year',
        'event',
        'hashtags',
        'locale',
        'pinned',
        'is_demo',
        'candle_count',
        'comment_count',
        'approved_at',
        'created_at',
      ])
      .where('status', '=', 'approved')
      .where('hidden_by_reports', '=', false)
      .where('id', '>', after)
      .orderBy('id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      yield {
        id: row.public_id,
        title: row.title,
        author_name: row.author_name,
        body_text: toPlainText(row.body_html),
        body_html: row.body_html,
        memory_year: row.memory_year,
        event: row.event,
        hashtags: row.hashtags,
        locale: row.locale,
        pinned: row.pinned,
        is_demo: row.is_demo,
        candle_count: row.candle_count,
        comment_count: row.comment_count,
        approved_at: iso(row.approved_at),
        created_at: row.created_at.toISOString(),
      };
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.id;
  }
}

/** Every approved comment of an approved souvenir, by id, in batches. */
export async function* exportedComments(db: Kysely<Database>): AsyncGenerator<ExportedComment> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('comment as c')
      .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
      .leftJoin('comment as p', (join) =>
        join.onRef('p.id', '=', 'c.parent_id').on('p.status', '=', 'approved').on('p.hidden_by_reports', '=', false),
      )
      .select([
        'c.id',
        'c.public_id',
        's.public_id as souvenir_public_id',
        'p.public_id as parent_public_id',
        'c.author_name',
        'c.author_website',
        'c.body_html',
        'c.locale',
        'c.approved_at',
        'c.created_at',
      ])
      .where('c.status', '=', 'approved')
      .where('s.status', '=', 'approved')
      .where('c.hidden_by_reports', '=', false)
      .where('s.hidden_by_reports', '=', false)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(BATCH)
      .execute();
    for (const row of rows) {
      yield {
        id: row.public_id,
        souvenir_id: row.souvenir_public_id,
        parent_id: row.parent_public_id ?? null,
        author_name: row.author_name,
        author_website: row.author_website,
        body_text: toPlainText(row.body_html),
        body_html: row.body_html,
        locale: row.locale,
        approved_at: iso(row.approved_at),
        created_at: row.created_at.toISOString(),
      };
    }
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.id;
  }
}

/** Whether the comment table exists (it arrives with the comments migration). */
export async function hasCommentTable(db: Kysely<Database>): Promise<boolean> {
  const row = await sql<{ present: boolean }>`select to_regclass('comment') is not null as present`.execute(db);
  return Boolean(row.rows[0]?.present);
}
