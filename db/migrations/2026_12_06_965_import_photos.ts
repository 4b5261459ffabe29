import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Issue 20, images and the daily check. A gathered post's images are re-encoded like an upload
 * and kept as photos of the import item (a third owner beside a souvenir and a staged upload),
 * deleted with it; publishing moves them to the souvenir. `remote_id` is the status id on the
 * source's Mastodon server, which the daily check asks about; `images_fetched_at` says the
 * post's images were handled (an edit that changes them sets it back to null).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('import_item')
    .addColumn('remote_id', 'text')
    .addColumn('images_fetched_at', 'timestamptz')
    .execute();
  await db.schema
    .alterTable('photo')
    .addColumn('import_item_id', 'integer', (c) => c.references('import_item.id').onDelete('cascade'))
    .execute();
  await sql`alter table photo drop constraint photo_owned`.execute(db);
  await sql`alter table photo add constraint photo_owned
            check (num_nonnulls(souvenir_id, upload_hash, import_item_id) = 1)`.execute(db);
  await db.schema.createIndex('photo_import_item_idx').on('photo').columns(['import_item_id', 'position']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('photo').where('import_item_id', 'is not', null).execute();
  await sql`alter table photo drop constraint photo_owned`.execute(db);
  await sql`alter table photo add constraint photo_owned check ((souvenir_id is null) <> (upload_hash is null))`.execute(
    db,
  );
  await db.schema.alterTable('photo').dropColumn('import_item_id').execute();
  await db.schema.alterTable('import_item').dropColumn('remote_id').dropColumn('images_fetched_at').execute();
}
