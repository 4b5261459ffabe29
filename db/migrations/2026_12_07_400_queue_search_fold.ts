import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * The moderation queue's search ignores accents as well as case, as the public search does: a
 * moderator typing "lea" or "ete" finds "Léa" and "été" (it found neither). `fold_text` lowers a
 * text and takes its accents off with the `unaccent` dictionary, whose extension the search's
 * migration created in whichever schema it lives. Names carry their schema in the body, so it
 * works whatever the caller's search_path (tests run one schema each) and after a restore.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const found = await sql<{ extension: string }>`
    select extnamespace::regnamespace::text as extension from pg_extension where extname = 'unaccent'`.execute(db);
  // regnamespace's text is already quoted when the name needs it.
  const extension = found.rows[0]!.extension;
  const dictionary = `'${extension.replace(/'/g, "''")}.unaccent'::regdictionary`;
  await sql`
    create function fold_text(t text) returns text
    language sql stable strict parallel safe as $$
      select lower(${sql.raw(extension)}.unaccent(${sql.raw(dictionary)}, t))
    $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function if exists fold_text(text)`.execute(db);
}
