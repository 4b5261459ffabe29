import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { toPlainText } from '../sanitize/sanitize.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from '../souvenirs/model.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { PUBLIC_COMMENT_COLUMNS, toPublicComment } from '../comments/model.ts';
import type { PublicContribution } from '../contributions/public.ts';
import { withPhotos } from '../photos/shown.ts';
import type { ShownPhoto } from '../photos/shown.ts';

/**
 * What the archive holds of any text: the fields the site itself publishes, and nothing else —
 * never an email address, an IP hash, a token hash, or the raw text as submitted. Ids are the
 * public ones.
 */
export interface ExportedContribution {
  id: string;
  author_name: string;
  body_text: string;
  body_html: string;
  locale: string;
  approved_at: string | null;
  created_at: string;
}

export interface ExportedSouvenir extends ExportedContribution {
  title: string | null;
  memory_year: number | null;
  event: string | null;
  hashtags: string[];
  pinned: boolean;
  is_demo: boolean;
  candle_count: number;
  comment_count: number;
  /** An imported post's credit (issue 20), as the wall shows it; null for the site's own souvenirs. */
  credit: ExportedCredit | null;
  /** Its photos in order: the address of the widest JPEG on this site (`/photos/<sha256>.jpg`), and what they show. */
  photos: ExportedPhoto[];
}

/** Who wrote an imported post, where it came from, and that it is kept with their consent ('archive'). */
export interface ExportedCredit {
  display_name: string;
  handle: string;
  original_url: string;
  consent: typeof CREDIT_CONSENT;
}

/** The archive's words for an imported souvenir, in both the site's languages (catalogue's `credit.consented`). */
export const CREDIT_CONSENT = 'publié avec l’accord de son auteur·rice / published with its author’s consent';

export interface ExportedPhoto {
  url: string;
  alt_text: string;
  content_note: string | null;
  width: number;
  height: number;
}

export interface ExportedComment extends ExportedContribution {
  souvenir_id: string;
  /** The public id of the comment it answers, when that one is published too. */
  parent_id: string | null;
  author_website: string | null;
}

const BATCH = 500;

/** Every row a query pages through by id, in batches (keyset): memory stays flat however many there are. */
async function* byIdInBatches<Row extends { id: number }>(
  page: (after: number) => Promise<Row[]>,
): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const rows = await page(after);
    yield* rows;
    if (rows.length < BATCH) return;
    after = rows.at(-1)!.id;
  }
}

function exportedContribution(text: PublicContribution): ExportedContribution {
  return {
    id: text.publicId,
    author_name: text.authorName,
    body_text: toPlainText(text.bodyHtml),
    body_html: text.bodyHtml,
    locale: text.locale,
    approved_at: text.approvedAt?.toISOString() ?? null,
    created_at: text.createdAt.toISOString(),
  };
}

function exportedSouvenir(souvenir: PublicSouvenir, photos: ShownPhoto[]): ExportedSouvenir {
  const { title, memoryYear, event, hashtags, pinned, isDemo, candleCount, commentCount } = souvenir;
  return {
    ...exportedContribution(souvenir),
    title,
    memory_year: memoryYear,
    event,
    hashtags,
    pinned,
    is_demo: isDemo,
    candle_count: candleCount,
    comment_count: commentCount,
    credit: souvenir.importCredit
      ? {
          display_name: souvenir.importCredit.name,
          handle: souvenir.importCredit.handle,
          original_url: souvenir.importCredit.url,
          consent: CREDIT_CONSENT,
        }
      : null,
    photos: photos.map((photo) => ({
      url: photo.largest,
      alt_text: photo.altText,
      content_note: photo.contentNote,
      width: photo.width,
      height: photo.height,
    })),
  };
}

/** Every approved souvenir the public sees, by id. */
export async function* exportedSouvenirs(db: Kysely<Database>): AsyncGenerator<ExportedSouvenir> {
  const rows = byIdInBatches(async (after) =>
    withPhotos(
      db,
      await db
        .selectFrom('souvenir')
        .select(PUBLIC_SOUVENIR_COLUMNS)
        .where('status', '=', 'approved')
        .where('hidden_by_reports', '=', false)
        // An imported post is in the archive only if its author chose it (issue 20).
        .where((eb) =>
          eb.or([eb('import_scopes', 'is', null), eb(sql.lit('archive'), '=', eb.fn.any('import_scopes'))]),
        )
        .where('id', '>', after)
        .orderBy('id')
        .limit(BATCH)
        .execute(),
    ),
  );
  for await (const row of rows) yield exportedSouvenir(toPublicSouvenir(row), row.photos);
}

/** Every approved comment of an approved souvenir, by id. */
export async function* exportedComments(db: Kysely<Database>): AsyncGenerator<ExportedComment> {
  const rows = byIdInBatches((after) =>
    db
      .selectFrom('comment as c')
      .innerJoin('souvenir as s', 's.id', 'c.souvenir_id')
      .leftJoin('comment as p', (join) =>
        join.onRef('p.id', '=', 'c.parent_id').on('p.status', '=', 'approved').on('p.hidden_by_reports', '=', false),
      )
      .select([
        ...PUBLIC_COMMENT_COLUMNS.map((column) => `c.${column}` as const),
        's.public_id as souvenir_public_id',
        'p.public_id as parent_public_id',
      ])
      .where('c.status', '=', 'approved')
      .where('s.status', '=', 'approved')
      .where('c.hidden_by_reports', '=', false)
      .where('s.hidden_by_reports', '=', false)
      .where('c.id', '>', after)
      .orderBy('c.id')
      .limit(BATCH)
      .execute(),
  );
  for await (const row of rows) {
    const comment = toPublicComment(row);
    yield {
      ...exportedContribution(comment),
      souvenir_id: row.souvenir_public_id,
      parent_id: row.parent_public_id ?? null,
      author_website: comment.authorWebsite,
    };
  }
}

/** Whether the comment table exists (it arrives with the comments migration). */
export async function hasCommentTable(db: Kysely<Database>): Promise<boolean> {
  const row = await sql<{ present: boolean }>`select to_regclass('comment') is not null as present`.execute(db);
  return Boolean(row.rows[0]?.present);
}
