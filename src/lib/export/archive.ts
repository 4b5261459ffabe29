import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { csvRow } from './csv.ts';
import { exportedComments, exportedSouvenirs, hasCommentTable } from './records.ts';
import type { ExportedComment, ExportedSouvenir } from './records.ts';

export type ExportFormat = 'json' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['json', 'csv'];

export const CSV_COLUMNS = [
  'kind',
  'id',
  'souvenir_id',
  'parent_id',
  'title',
  'author_name',
  'author_website',
  'body_text',
  'body_html',
  'memory_year',
  'event',
  'hashtags',
  'locale',
  'pinned',
  'is_demo',
  'candle_count',
  'comment_count',
  'photo_urls',
  'credit_name',
  'credit_handle',
  'credit_url',
  'credit_consent',
  'approved_at',
  'created_at',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];
type ExportedRecord = ExportedSouvenir | ExportedComment;

/** One section of the archive per kind: its JSON key, its CSV `kind`, and its records. */
interface ArchiveSection {
  key: 'souvenirs' | 'comments';
  kind: 'souvenir' | 'comment';
  records: (db: Kysely<Database>) => AsyncGenerator<ExportedRecord>;
}

const SECTIONS: readonly ArchiveSection[] = [
  { key: 'souvenirs', kind: 'souvenir', records: exportedSouvenirs },
  { key: 'comments', kind: 'comment', records: exportedComments },
];

/** A record's CSV row: its fields under the columns of the same name, empty where its kind has none. */
function csvRecord(kind: ArchiveSection['kind'], record: ExportedRecord): string {
  const cells: Partial<Record<CsvColumn, string | number | boolean | null>> = {
    ...record,
    kind,
    hashtags: 'hashtags' in record ? record.hashtags.map((tag) => `#${tag}`).join(' ') : null,
    photo_urls: 'photos' in record ? record.photos.map((photo) => photo.url).join(' ') : null,
    ...('credit' in record && record.credit
      ? {
          credit_name: record.credit.display_name,
          credit_handle: record.credit.handle,
          credit_url: record.credit.original_url,
          credit_consent: record.credit.consent,
        }
      : {}),
  };
  return csvRow(CSV_COLUMNS.map((column) => cells[column]));
}

/**
 * The memorial archive of every approved souvenir and comment, public fields only, as text
 * chunks: written to a file by `npm run export`, streamed by the admin download.
 * JSON: `{ format, generated_at, souvenirs: [...], comments: [...] }`.
 * CSV: one row per text with a `kind` column (souvenir or comment), a UTF-8 BOM for spreadsheets.
 */
export async function* archiveChunks(
  db: Kysely<Database>,
  format: ExportFormat,
  now = new Date(),
): AsyncGenerator<string> {
  const withComments = await hasCommentTable(db);
  // Comments arrive with their own migration: an older database exports an empty list of them.
  const recordsOf = (section: ArchiveSection) =>
    section.kind === 'comment' && !withComments ? nothing() : section.records(db);
  if (format === 'csv') {
    yield `\uFEFF${csvRow(CSV_COLUMNS)}`;
    for (const section of SECTIONS)
      for await (const record of recordsOf(section)) yield csvRecord(section.kind, record);
    return;
  }
  yield `{"format":"mur-des-souvenirs/1","generated_at":${JSON.stringify(now.toISOString())}`;
  for (const section of SECTIONS) {
    yield `,"${section.key}":[`;
    let first = true;
    for await (const record of recordsOf(section)) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(record)}`;
      first = false;
    }
    yield '\n]';
  }
  yield '}\n';
}

async function* nothing(): AsyncGenerator<never> {}

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `mur-des-souvenirs-${now.toISOString().slice(0, 10)}.${format}`;
}
