import { sql } from 'kysely';
import type { Kysely } from 'kysely';

/**
 * Issue 20, asking and consent: a moderator asks an author (`import_request`, at most one per
 * post), the author proves who they are by a keyword reply and says yes for chosen uses
 * (`import_consent`, kept after a withdrawal as the record of what was agreed), and the post
 * becomes a souvenir (`import_item.souvenir_id`). The souvenir carries its credit and scopes
 * itself so that the wall, the screens and the export read them without a join.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The association's Mastodon access token, to reply from its account; kept like the Bluesky app password.
  await db.schema.alterTable('import_source').addColumn('access_token', 'text').execute();
  await db.schema
    .createTable('import_request')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('item_id', 'integer', (c) => c.notNull().unique().references('import_item.id').onDelete('cascade'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    // sha256 of the consent page's token: the link itself is only in the reply we sent.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('sent')
        .check(sql`status in ('sending', 'sent', 'proved', 'consented', 'declined', 'expired', 'failed')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('sent_at', 'timestamptz')
    .addColumn('remote_reply_id', 'text')
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('proved_at', 'timestamptz')
    .addColumn('error', 'text')
    .addColumn('asked_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('import_request_created_idx').on('import_request').column('created_at').execute();
  await db.schema
    .createTable('import_consent')
    .addColumn('id', 'serial', (c) => c.primaryKey())
    .addColumn('item_id', 'integer', (c) => c.references('import_item.id').onDelete('set null'))
    .addColumn('request_id', 'integer', (c) => c.references('import_request.id').onDelete('set null'))
    .addColumn('network', 'text', (c) => c.notNull())
    .addColumn('account_uri', 'text', (c) => c.notNull())
    .addColumn('account_handle', 'text', (c) => c.notNull())
    .addColumn('asked_text', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('body_sha256', 'text', (c) => c.notNull())
    .addColumn('scopes', sql`text[]`, (c) =>
      c.notNull().check(sql`scopes <@ array['wall', 'screen', 'photos', 'archive']::text[]`),
    )
    .addColumn('given_at', 'timestamptz', (c) => c.notNull())
    .addColumn('withdrawn_at', 'timestamptz')
    .addColumn('withdrawal_reason', 'text')
    .execute();
  await db.schema.createIndex('import_consent_item_idx').on('import_consent').column('item_id').execute();
  await db.schema
    .alterTable('import_item')
    .addColumn('souvenir_id', 'integer', (c) => c.references('souvenir.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('import_item_souvenir_idx').on('import_item').column('souvenir_id').execute();
  // Credit (display name, handle, link to the original) and consented scopes of an imported souvenir; null for the others.
  await db.schema
    .alterTable('souvenir')
    .addColumn('import_credit', 'jsonb')
    .addColumn('import_scopes', sql`text[]`)
    .execute();
  // Requests per hour across every process; the row also serialises the count (locked while asking).
  await sql`insert into setting (key, value) values ('imports', '{"requestsPerHour": 5}'::jsonb)
            on conflict (key) do nothing`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`delete from setting where key = 'imports'`.execute(db);
  await db.schema.alterTable('souvenir').dropColumn('import_credit').dropColumn('import_scopes').execute();
  await db.schema.alterTable('import_item').dropColumn('souvenir_id').execute();
  await db.schema.dropTable('import_consent').execute();
  await db.schema.dropTable('import_request').execute();
  await db.schema.alterTable('import_source').dropColumn('access_token').execute();
}
