import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createIndexes, dropTables } from './lib/schema.ts';

/**
 * Photos of souvenirs, bytes in the database so that every host serves the same ones (issue 16).
 *
 * `photo` is one picture as its author described it: attached to a souvenir, or staged under an
 * upload (the SHA-256 of a random token the share form carries, kept an hour) while the form
 * comes back with an error, so the person does not pick the files again. `photo_variant` holds
 * the re-encoded bytes, one row per width and format, addressed by the SHA-256 of those bytes;
 * they go with their photo (cascade), so no variant outlives it.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('photo')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('souvenir_id', 'integer', (c) => c.references('souvenir.id').onDelete('cascade'))
    .addColumn('upload_hash', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('alt_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('content_note', 'text')
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz')
    .addCheckConstraint('photo_owned', sql`(souvenir_id is null) <> (upload_hash is null)`)
    .addCheckConstraint('photo_position', sql`position between 1 and 4`)
    .execute();
  await createIndexes(db, 'photo', {
    photo_souvenir_idx: ['souvenir_id', 'position'],
    photo_upload_idx: ['upload_hash'],
    photo_expires_idx: ['expires_at'],
  });

  await db.schema
    .createTable('photo_variant')
    .addColumn('photo_id', 'integer', (c) => c.notNull().references('photo.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull().check(sql`format in ('webp', 'jpeg')`))
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('bytes', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('photo_variant_pk', ['photo_id', 'format', 'width'])
    .execute();
  await db.schema.createIndex('photo_variant_hash_idx').on('photo_variant').column('hash').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await dropTables(db, ['photo_variant', 'photo']);
}
