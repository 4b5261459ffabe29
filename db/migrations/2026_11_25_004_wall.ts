import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { createIndexes, dropIndexes, dropTables } from './lib/schema.ts';
import { wallRecomputeSql, wallTriggerSql, type Visible } from './lib/wall-triggers.ts';

/**
 * The wall's kept counts, its filters' indexes and candles.
 *
 * The figures (approved souvenirs and comments, distinct contributors), the souvenirs per year
 * and per hashtag are kept by triggers on `souvenir` and `comment`, in the transaction of the
 * change that moves them: every path that publishes or unpublishes a text (a decision, a bulk
 * decision, an edit, the author's withdrawal, an auto-approval, the demo seed, a bulk load)
 * keeps them right without having to remember to. The wall reads them with one-row lookups.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // One row (id = 1). Candles are counted by the app when it lights one (candle rows are purged).
  await db.schema
    .createTable('wall_stat')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('souvenirs', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comments', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contributors', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('candles', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A count per key: a year's souvenirs, a hashtag's, an author's approved texts.
  const createCountTable = (table: string, key: string, keyType: 'integer' | 'text', count: string) =>
    db.schema
      .createTable(table)
      .addColumn(key, keyType, (c) => c.primaryKey())
      .addColumn(count, 'integer', (c) => c.notNull())
      .execute();
  await createCountTable('wall_year', 'year', 'integer', 'souvenirs');
  await createCountTable('wall_tag', 'tag', 'text', 'souvenirs');
  await createIndexes(db, 'wall_tag', { wall_tag_popular_idx: ['souvenirs desc', 'tag'] });
  // Approved texts per author, keyed by the SHA-256 of the lower-cased email: a row leaves when
  // its count reaches zero, so a withdrawn author leaves no trace here.
  await createCountTable('contributor', 'email_hash', 'text', 'items');

  // One candle per visitor (IP hash) per souvenir per day (Paris). Rows older than yesterday are
  // purged as new candles are lit: only the counts outlive the day.
  await db.schema
    .createTable('candle')
    .addColumn('souvenir_id', 'integer', (c) => c.notNull().references('souvenir.id').onDelete('cascade'))
    .addColumn('ip_hash', 'text', (c) => c.notNull())
    .addColumn('day', 'date', (c) => c.notNull())
    .addColumn('lit_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('candle_pk', ['souvenir_id', 'ip_hash', 'day'])
    .execute();

  // The wall filtered by year, by keyset; by hashtag (array containment); pinned souvenirs first.
  await db.schema
    .createIndex('souvenir_year_wall_idx')
    .on('souvenir')
    .columns(['memory_year', 'approved_at desc', 'id desc'])
    .where(sql.ref('status'), '=', 'approved')
    .execute();
  await sql`create index souvenir_hashtags_idx on souvenir using gin (hashtags) where status = 'approved'`.execute(db);
  await sql`create index souvenir_pinned_idx on souvenir (approved_at desc, id desc) where status = 'approved' and pinned`.execute(
    db,
  );

  await sql`create type wall_change as (kind text, email text, year integer, tags text[], delta integer)`.execute(db);

  // Applies a set of +1/-1 changes of approved texts to every kept count, set-wise (a bulk
  // insert costs a handful of statements, not one per row).
  await sql`
    create function wall_apply(changes wall_change[]) returns void language plpgsql as $$
    declare
      souvenir_delta integer;
      comment_delta integer;
      contributor_delta integer;
      emptied text[];
    begin
      if coalesce(cardinality(changes), 0) = 0 then
        return;
      end if;
      select coalesce(sum(c.delta) filter (where c.kind = 'souvenir'), 0),
             coalesce(sum(c.delta) filter (where c.kind = 'comment'), 0)
        into souvenir_delta, comment_delta
        from unnest(changes) c;

      insert into wall_year as w (year, souvenirs)
        select c.year, sum(c.delta) from unnest(changes) c
        where c.kind = 'souvenir' and c.year is not null
        group by c.year having sum(c.delta) <> 0
      on conflict (year) do update set souvenirs = w.souvenirs + excluded.souvenirs;
      delete from wall_year where souvenirs <= 0;

      insert into wall_tag as w (tag, souvenirs)
        select t.tag, sum(c.delta) from unnest(changes) c, unnest(c.tags) t(tag)
        where c.kind = 'souvenir'
        group by t.tag having sum(c.delta) <> 0
      on conflict (tag) do update set souvenirs = w.souvenirs + excluded.souvenirs;
      delete from wall_tag where souvenirs <= 0;

      with d as (
        select encode(sha256(convert_to(lower(c.email), 'UTF8')), 'hex') as email_hash, sum(c.delta)::integer as delta
        from unnest(changes) c
        group by 1 having sum(c.delta) <> 0
      ), up as (
        insert into contributor as k (email_hash, items)
          select d.email_hash, d.delta from d
        on conflict (email_hash) do update set items = k.items + excluded.items
        returning k.email_hash, k.items
      )
      select coalesce(sum(case when up.items > 0 and up.items - d.delta <= 0 then 1
                               when up.items <= 0 and up.items - d.delta > 0 then -1
                               else 0 end), 0)::integer,
             array_agg(up.email_hash) filter (where up.items <= 0)
        into contributor_delta, emptied
        from up join d on d.email_hash = up.email_hash;
      if emptied is not null then
        delete from contributor where email_hash = any(emptied);
      end if;

      if souvenir_delta <> 0 or comment_delta <> 0 or contributor_delta <> 0 then
        insert into wall_stat as s (id, souvenirs, comments, contributors)
          values (1, souvenir_delta, comment_delta, contributor_delta)
        on conflict (id) do update set
          souvenirs = s.souvenirs + excluded.souvenirs,
          comments = s.comments + excluded.comments,
          contributors = s.contributors + excluded.contributors;
      end if;
    end $$`.execute(db);

  const published: Visible = (p) => `${p}status = 'approved'`;
  for (const table of ['souvenir', 'comment'] as const) {
    const { inserted, deleted, updated } = wallTriggerSql(table, { create: 'create', visible: published });
    for (const { fn, trigger } of [inserted, deleted, updated]) {
      await sql.raw(fn).execute(db);
      await sql.raw(trigger).execute(db);
    }
  }

  // Rebuilds the kept counts from the rows (this migration's backfill; a repair after a manual
  // change with triggers disabled). The candle total is history and is kept, or estimated from
  // the souvenirs' own counts when the row is missing.
  await sql.raw(wallRecomputeSql.created(published)).execute(db);
  await sql`select wall_recompute()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['souvenir', 'comment']) {
    for (const op of ['insert', 'delete', 'update']) {
      await sql.raw(`drop trigger if exists wall_${table}_${op} on ${table}`).execute(db);
    }
    for (const fn of ['inserted', 'deleted', 'updated']) {
      await sql.raw(`drop function if exists wall_${table}_${fn}()`).execute(db);
    }
  }
  await sql`drop function if exists wall_recompute()`.execute(db);
  await sql`drop function if exists wall_apply(wall_change[])`.execute(db);
  await sql`drop type if exists wall_change`.execute(db);
  await dropIndexes(db, ['souvenir_pinned_idx', 'souvenir_hashtags_idx', 'souvenir_year_wall_idx']);
  await dropTables(db, ['candle', 'contributor', 'wall_tag', 'wall_year', 'wall_stat']);
}
