import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * A word searched alone whose stem in one language is one or two letters while the other keeps
 * it longer is searched in that other language only. French stems "Léa" to "le", a form every
 * French text holds (from "les", and English indexes "le" itself), so a search for a first name
 * found every souvenir saying "les" (a stranger: five results of six unrelated). The query stays
 * French OR English otherwise (an AND of the two lost every French form English stems apart:
 * "chanter" no longer found "chantait"). Longer queries keep the OR: their other words narrow it.
 * Names carry their schema (a restore runs with an empty search_path).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const found = await sql<{ current: string }>`select current_schema() as current`.execute(db);
  const schema = `"${found.rows[0]!.current.replace(/"/g, '""')}"`;
  const fr = sql.raw(`'${schema}.search_fr'::regconfig`);
  const en = sql.raw(`'${schema}.search_en'::regconfig`);
  await sql`
    create or replace function souvenir_search_query(typed text) returns tsquery
    language sql immutable strict parallel safe as $$
      select case
        when f::text ~ '^''[^'']{1,2}''$' and length(e::text) > length(f::text) then e
        when e::text ~ '^''[^'']{1,2}''$' and length(f::text) > length(e::text) then f
        else f || e
      end
      from (select websearch_to_tsquery(${fr}, typed) as f, websearch_to_tsquery(${en}, typed) as e) as forms
    $$`.execute(db);
}
