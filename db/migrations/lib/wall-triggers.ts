/**
 * The text of the wall's count triggers, written by migration 004 and rewritten by 006.
 *
 * Migrations are history: a database that ran one never runs it again, and a fresh one must end
 * up exactly like the others. So what this module returns must never change, to the byte (a
 * function's body is stored as written, white space included): add a builder, never edit one.
 */

/** "Counts as published", as SQL over the columns of the row named by `prefix` (`''`, `old.`, `new.`). */
export type Visible = (prefix: string) => string;

export type WallTable = 'souvenir' | 'comment';

interface TriggerOptions {
  /** `create` the first time (004), `create or replace` when a later migration redefines it. */
  create: 'create' | 'create or replace';
  visible: Visible;
  /** The columns whose change can move a count, beyond each table's own (006 adds `hidden_by_reports`). */
  extraWatched?: string | undefined;
}

/** The SQL statements of one table's three trigger functions and three triggers. */
export function wallTriggerSql(table: WallTable, { create, visible, extraWatched }: TriggerOptions) {
  const fields = (p: string) =>
    table === 'souvenir'
      ? `${p}author_email, ${p}memory_year, ${p}hashtags`
      : `${p}author_email, null::integer, '{}'::text[]`;
  const row = (p: string, delta: number) => `row('${table}', ${fields(p)}, ${delta})::wall_change`;
  const base = table === 'souvenir' ? 'status, author_email, memory_year, hashtags' : 'status, author_email';
  const watched = extraWatched ? `${base}, ${extraWatched}` : base;
  const compared = watched
    .split(', ')
    .map((c) => `old.${c}`)
    .join(', ');
  const comparedNew = compared.replaceAll('old.', 'new.');

  // Statement-level on inserts and deletes: a bulk load costs one call of wall_apply.
  const statement = (op: 'insert' | 'delete') => {
    const [done, rows, delta] = op === 'insert' ? ['inserted', 'new_rows', 1] : ['deleted', 'old_rows', -1];
    return {
      fn: `${create} function wall_${table}_${done}() returns trigger language plpgsql as $$
        begin
          perform wall_apply(array(select ${row('', delta)} from ${rows} where ${visible('')}));
          return null;
        end $$`,
      trigger: `create trigger wall_${table}_${op} after ${op} on ${table}
         referencing ${op === 'insert' ? 'new' : 'old'} table as ${rows} for each statement execute function wall_${table}_${done}()`,
    };
  };

  return {
    inserted: statement('insert'),
    deleted: statement('delete'),
    updated: {
      fn: `${create} function wall_${table}_updated() returns trigger language plpgsql as $$
        declare
          changes wall_change[] := '{}';
        begin
          if ${visible('old.')} then
            changes := changes || ${row('old.', -1)};
          end if;
          if ${visible('new.')} then
            changes := changes || ${row('new.', 1)};
          end if;
          perform wall_apply(changes);
          return null;
        end $$`,
      // Row-level on updates, filtered by WHEN: a candle or a comment count touching the row costs nothing.
      trigger: `create trigger wall_${table}_update after update of ${watched} on ${table}
         for each row when ((old.status = 'approved' or new.status = 'approved')
           and (${compared}) is distinct from (${comparedNew}))
         execute function wall_${table}_updated()`,
    },
  };
}

const recomputeBody = (visible: Visible) => `begin
  insert into wall_stat (id, candles)
    select 1, coalesce(sum(candle_count), 0)::integer from souvenir
  on conflict (id) do nothing;
  update wall_stat set souvenirs = 0, comments = 0, contributors = 0;
  delete from wall_year;
  delete from wall_tag;
  delete from contributor;
  perform wall_apply(array(
    select row('souvenir', author_email, memory_year, hashtags, 1)::wall_change
    from souvenir where ${visible('')}));
  perform wall_apply(array(
    select row('comment', author_email, null, '{}', 1)::wall_change
    from comment where ${visible('')}));
end $$`;

const indent = (text: string, spaces: number) =>
  text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');

/**
 * `wall_recompute()`, which rebuilds the kept counts from the rows. 004 and 006 laid the same
 * text out differently (004 on its own lines, 006 after `create or replace`): both are kept.
 */
export const wallRecomputeSql = {
  created: (visible: Visible) =>
    `\n${indent(`create function wall_recompute() returns void language plpgsql as $$\n${recomputeBody(visible)}`, 4)}`,
  replaced: (visible: Visible) =>
    `create or replace function wall_recompute() returns void language plpgsql as $$\n${indent(recomputeBody(visible), 6)}`,
};
