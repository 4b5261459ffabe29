import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Full-text search of approved souvenirs (issue 15, item 4), accent- and case-insensitive, with
 * French and English stemming.
 *
 * Two text-search configurations, `search_fr` and `search_en`, copy PostgreSQL's and put the
 * `unaccent` dictionary before the stemmer. Unaccenting inside the configuration rather than with
 * the `unaccent()` function (which is not IMMUTABLE) keeps every function here immutable without
 * a wrapper, and lets `ts_headline` match "evenement" in the original "événement" so the excerpt
 * shows the words as written. The configurations are named with this schema in the functions'
 * bodies, so the functions work whatever the caller's search_path (tests run one schema each).
 *
 * The document is a stored generated column (ranking reads it instead of re-parsing every match):
 * title (A), event and hashtags (B), the author's name (C) and the body's text (D), once through
 * each configuration. The body is indexed as text, its tags dropped and its character references
 * kept (the parser skips them), the same escaped text the excerpts are cut from (search.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The extension belongs to the database, not the schema. Created in `public` (when absent) so
  // dropping one schema never drops it from under another that uses it; found wherever it lives.
  await sql`create extension if not exists unaccent schema public`.execute(db);
  const found = await sql<{ extension: string; current: string }>`
    select extnamespace::regnamespace::text as extension, current_schema() as current
    from pg_extension where extname = 'unaccent'`.execute(db);
  const { extension, current } = found.rows[0]!;
  const dictionary = sql.raw(`${sql_ident(extension)}.unaccent`);
  // Everything the functions call is named with its schema: a restore (pg_dump empties the
  // search_path) recomputes the generated column and must find them.
  const here = (name: string) => sql.raw(`${sql_ident(current)}.${name}`);
  const fr = sql.raw(`'${sql_ident(current)}.search_fr'::regconfig`);
  const en = sql.raw(`'${sql_ident(current)}.search_en'::regconfig`);

  for (const [name, copy, stemmer] of [
    ['search_fr', 'french', 'french_stem'],
    ['search_en', 'english', 'english_stem'],
  ] as const) {
    await sql`create text search configuration ${sql.id(name)} (copy = ${sql.raw(copy)})`.execute(db);
    await sql`alter text search configuration ${sql.id(name)}
      alter mapping for asciiword, asciihword, hword_asciipart, word, hword, hword_part
      with ${dictionary}, ${sql.raw(stemmer)}`.execute(db);
  }

  // The text of sanitised HTML: paragraphs, line breaks and quotations part words with a space,
  // inline tags (<strong>, <a …>, quoted attribute values included) vanish so "<em>mot</em>." stays "mot.".
  await sql`
    create function search_body_text(body_html text) returns text
    language sql immutable strict parallel safe as $$
      select regexp_replace(
        regexp_replace(body_html, '</?(?:p|br|blockquote)\M[^>]*>', ' ', 'gi'),
        '<(?:[^>"'']|"[^"]*"|''[^'']*'')*>', '', 'g')
    $$`.execute(db);

  // array_to_string is only STABLE in the catalogue; on text[] it depends on nothing that changes.
  await sql`
    create function search_document_in(config regconfig, title text, event text, hashtags text[],
      author_name text, body_html text) returns tsvector
    language sql immutable parallel safe as $$
      select setweight(to_tsvector(config, coalesce(title, '')), 'A')
        || setweight(to_tsvector(config, coalesce(event, '') || ' ' || array_to_string(hashtags, ' ')), 'B')
        || setweight(to_tsvector(config, coalesce(author_name, '')), 'C')
        || setweight(to_tsvector(config, coalesce(${here('search_body_text')}(body_html), '')), 'D')
    $$`.execute(db);
  await sql`
    create function souvenir_search_document(title text, event text, hashtags text[], author_name text,
      body_html text) returns tsvector
    language sql immutable parallel safe as $$
      select ${here('search_document_in')}(${fr}, title, event, hashtags, author_name, body_html)
        || ${here('search_document_in')}(${en}, title, event, hashtags, author_name, body_html)
    $$`.execute(db);

  // What the visitor typed, in web-search syntax ("quoted phrase", -word, or): never an error.
  await sql`
    create function souvenir_search_query(typed text) returns tsquery
    language sql immutable strict parallel safe as $$
      select websearch_to_tsquery(${fr}, typed) || websearch_to_tsquery(${en}, typed)
    $$`.execute(db);

  await sql`
    alter table souvenir add column search_document tsvector
    generated always as (souvenir_search_document(title, event, hashtags, author_name, body_html)) stored`.execute(db);
  await sql`create index souvenir_search_idx on souvenir using gin (search_document) where status = 'approved'`.execute(
    db,
  );
}

/** A double-quoted identifier (schema names come from the catalogue, quoted all the same). */
function sql_ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
