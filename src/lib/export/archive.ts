import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { csvRow } from './csv.ts';
import { exportedComments, exportedSouvenirs, hasCommentTable } from './records.ts';

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
  'approved_at',
  'created_at',
] as const;

/**
 * The memorial archive of every approved souvenir and comment, public fields only, as text
 * chunks: written to a file by `npm run export`, streamed by the admin download.
 * JSON: `{ format, generated_at, souvenirs: [...], comments: [...] }`.
 * CSV: one row per text with a `kind` column (souvenir or comment), a UTF-8 BOM for spreadsheets.
 */
export async function* archiveChunks(db: Kysely<Database>, format: ExportFormat, now = new Date()): AsyncGenerator<string> {
  const withComments = await hasCommentTable(db);
  if (format === 'json') {
    yield `{"format":"mur-des-souvenirs/1","generated_at":${JSON.stringify(now.toISOString())},"souvenirs":[`;
    let first = true;
    for await (const souvenir of exportedSouvenirs(db)) {
      yield `${first ? '\n' : ',\n'}${JSON.stringify(souvenir)}`;
      first = false;
    }
    yield '\n],"comments":[';
    first = true;
    if (withComments) {
      for await (const comment of exportedComments(db)) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(comment)}`;
        first = false;
      }
    }
    yield '\n]}\n';
    return;
  }
  yield `\uFEFF${csvRow(CSV_COLUMNS)}`;
  for await (const s of exportedSouvenirs(db)) {
    yield csvRow([
      'souvenir', s.id, null, null, s.title, s.author_name, null, s.body_text, s.body_html, s.memory_year, s.event,
      s.hashtags.map((tag) => `#${tag}`).join(' '), s.locale, s.pinned, s.is_demo, s.candle_count, s.comment_count,
      s.approved_at, s.created_at,
    ]);
  }
  if (!withComments) return;
  for await (const c of exportedComments(db)) {
    yield csvRow([
      'comment', c.id, c.souvenir_id, c.parent_id, null, c.author_name, c.author_website, c.body_text, c.body_html,
      null, null, null, c.locale, null, null, null, null, c.approved_at, c.created_at,
    ]);
  }
}

export function exportFileName(format: ExportFormat, now = new Date()): string {
  return `mur-des-souvenirs-${now.toISOString().slice(0, 10)}.${format}`;
}
