import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * A search asks each language of the document in its own words. Every souvenir is indexed through
 * both configurations (French and English, search migration), and the query was French's words OR
 * English's: French stems "Léa" to "le", which French indexes nowhere (a stop word) but English
 * indexes in every French text, so a search for a name found every souvenir saying "le" (a
 * stranger found five of six results unrelated). Both sides must now match (AND): a document
 * holds both languages' forms of every word it contains, so nothing it really holds is lost, and
 * one language's stem can no longer match the other's unrelated word. A side made only of stop
 * words is ignored by PostgreSQL, as before. Names carry their schema (a restore runs with an
 * empty search_path).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const found = await sql<{ current: string }>`select current_schema() as current`.execute(db);
  const schema = `"${found.rows[0]!.current.replace(/"/g, '""')}"`;
  const fr = sql.raw(`'${schema}.search_fr'::regconfig`);
  const en = sql.raw(`'${schema}.search_en'::regconfig`);
  await sql`
    create or replace function souvenir_search_query(typed text) returns tsquery
    language sql immutable strict parallel safe as $$
      select websearch_to_tsquery(${fr}, typed) && websearch_to_tsquery(${en}, typed)
    $$`.execute(db);
}
