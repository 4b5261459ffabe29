import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Issue 19: a souvenir's search document is computed when it is approved, and again only when
 * what it is made of changes. Search reads approved souvenirs only (its index is partial on them),
 * yet the stored generated column parsed every new text through both configurations on insert
 * (~0.45 ms of PostgreSQL's CPU per share, for texts that wait for moderation and may never be
 * shown), and a stored generated column is computed again on every update, a candle's included.
 *
 * The column becomes a plain one kept by a trigger. DROP EXPRESSION keeps the values and rewrites
 * nothing (re-adding a generated column took 157 s on 100 000 souvenirs, the table locked);
 * the documents already stored for texts not on the wall are emptied, as the trigger would have.
 * Names in the function's body carry their schema, as in the search migration: a restore runs
 * with an empty search_path.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const found = await sql<{ current: string }>`select current_schema() as current`.execute(db);
  const schema = `"${found.rows[0]!.current.replace(/"/g, '""')}"`;
  await sql`alter table souvenir alter column search_document drop expression`.execute(db);
  await sql`
    create function souvenir_search_document_kept() returns trigger
    language plpgsql as $$
    begin
      new.search_document := case when new.status = 'approved' then ${sql.raw(schema)}.souvenir_search_document(
        new.title, new.event, new.hashtags, new.author_name, new.body_html) end;
      return new;
    end $$`.execute(db);
  await sql`
    create trigger souvenir_search_document
    before insert or update of status, title, event, hashtags, author_name, body_html on souvenir
    for each row execute function souvenir_search_document_kept()`.execute(db);
  // Not one of the trigger's columns: this update does not fire it.
  await sql`update souvenir set search_document = null where status <> 'approved'`.execute(db);
}
