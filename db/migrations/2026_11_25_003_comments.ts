import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createIndexes, dropIndexes } from './lib/schema.ts';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('comment')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('public_id', 'text', (c) => c.notNull().unique())
    .addColumn('souvenir_id', 'integer', (c) => c.notNull().references('souvenir.id').onDelete('cascade'))
    // One level of replies: the parent is a top-level comment of the same souvenir. The composite
    // foreign key below enforces "same souvenir"; "top level" is checked when a reply is written.
    .addColumn('parent_id', 'integer')
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('author_website', 'text')
    .addColumn('body_raw', 'text', (c) => c.notNull())
    .addColumn('body_html', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('pending', 'approved', 'rejected', 'spam', 'trash')`),
    )
    .addColumn('previous_status', 'text', (c) =>
      c.check(sql`previous_status in ('pending', 'approved', 'rejected', 'spam', 'trash')`),
    )
    .addColumn('flag_reasons', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('ip_hash', 'text')
    .addColumn('token_hash', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('fr'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('approved_at', 'timestamptz')
    .addColumn('approved_by', 'integer')
    .addUniqueConstraint('comment_id_souvenir_key', ['id', 'souvenir_id'])
    .addForeignKeyConstraint(
      'comment_parent_fk',
      ['parent_id', 'souvenir_id'],
      'comment',
      ['id', 'souvenir_id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  await createIndexes(db, 'comment', {
    // A souvenir's page reads its approved comments in order of publication.
    comment_souvenir_idx: ['souvenir_id', 'status', 'approved_at', 'id'],
    comment_parent_idx: ['parent_id'],
    comment_queue_idx: ['status', 'created_at', 'id'],
  });
  await db.schema
    .createIndex('comment_token_idx')
    .on('comment')
    .column('token_hash')
    .unique()
    .where(sql.ref('token_hash'), 'is not', null)
    .execute();

  // Flood checks look for the latest submission from an IP hash or an email (any case), on both
  // tables; the known-author rule looks up earlier approved texts by email too.
  for (const table of ['comment', 'souvenir']) {
    await createIndexes(db, table, { [`${table}_ip_time_idx`]: ['ip_hash', 'created_at'] });
    await db.schema
      .createIndex(`${table}_email_time_idx`)
      .on(table)
      .expression(sql`lower(author_email), created_at`)
      .execute();
  }
  // Duplicate souvenirs are found by the hash of their text (a comment's are found within its souvenir).
  await db.schema
    .createIndex('souvenir_body_md5_idx')
    .on('souvenir')
    .expression(sql`md5(body_raw)`)
    .execute();

  // "Les souvenirs les plus commentés", read from the kept counts.
  await db.schema
    .createIndex('souvenir_most_commented_idx')
    .on('souvenir')
    .columns(['status', 'comment_count desc', 'id desc'])
    .execute();

  // The discussion rules an admin edits; one row per group of settings, validated when read.
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // The audit log points at its rows by number.
    .addColumn('id', 'integer', (c) => c.notNull().unique().generatedAlwaysAsIdentity())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_by', 'integer', (c) => c.references('app_user.id').onDelete('set null'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('setting').execute();
  await dropIndexes(db, [
    'souvenir_most_commented_idx',
    'souvenir_body_md5_idx',
    'souvenir_email_time_idx',
    'souvenir_ip_time_idx',
  ]);
  await db.schema.dropTable('comment').execute();
}
