import type { Kysely } from 'kysely';

/**
 * Secrets every host must share (issue 18): the key of the IP-address HMAC and the key Astro bakes
 * into a build for server islands and Actions. The first host to start inserts each one; the
 * others read it, so hosts installed separately agree without copying files between them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('app_secret').execute();
}
