import type { Kysely } from 'kysely';

/**
 * The thank-you page after a share or a comment (Post/Redirect/Get, issue 14): what it shows on
 * reload for ten minutes, whichever app process or host answers. The row is found by the SHA-256
 * of a random id that only the contributor's browser holds (an HttpOnly cookie), and its payload
 * (the private link among it) is sealed with a key derived from that id: the database alone never
 * holds a usable token.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('thank_you_flash')
    .addColumn('id_hash', 'text', (c) => c.primaryKey())
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('thank_you_flash_expires_idx').on('thank_you_flash').column('expires_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('thank_you_flash').execute();
}
