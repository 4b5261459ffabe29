import { createHash } from 'node:crypto';
import { CompiledQuery } from 'kysely';
import type { Compilable, Kysely } from 'kysely';

/** More distinct texts than any caller makes (a few shapes each): a leak guard, not a cache size. */
const MOST = 64;
const KEY = Symbol.for('mur-des-souvenirs.prepared-statements');
type Holder = { [KEY]?: Map<string, string> };
// Shared through globalThis: the pool runs in the start script's copy of this module, the
// statements are made in the Vite bundle's.
const names = ((globalThis as Holder)[KEY] ??= new Map<string, string>());

/**
 * Asks that `sqlText` run as a named prepared statement on PostgreSQL: each connection parses it
 * once, and after five runs PostgreSQL may keep a generic plan instead of planning every run.
 * For a busy statement whose planning costs more than its work: sharing's one statement took
 * 0.57 ms to plan and 0.21 ms to run (issue 19). The name is the text's hash, so two texts never
 * share one (`pg` refuses that). Ignored past MOST texts; PGlite has no use for it.
 */
export function keepPrepared(sqlText: string): void {
  if (names.has(sqlText) || names.size >= MOST) return;
  names.set(sqlText, `mur_${createHash('sha256').update(sqlText).digest('base64url').slice(0, 22)}`);
}

/** The statement name `sqlText` runs under, or undefined to run it unnamed. */
export function preparedName(sqlText: string): string | undefined {
  return names.get(sqlText);
}

/**
 * Runs `query` as a named prepared statement (keepPrepared): for the reads every first visit
 * makes, whose planning costs more than their work. A deep wall page's statement took 0.32 ms to
 * plan and 0.16 ms to run on 20 000 souvenirs (issue 19). Their texts are a few shapes each (the
 * filters change the text, their values are parameters), well inside MOST.
 */
export async function executePrepared<R, DB>(db: Kysely<DB>, query: Compilable<R> | CompiledQuery<R>): Promise<R[]> {
  const compiled = 'compile' in query ? query.compile() : query;
  keepPrepared(compiled.sql);
  return (await db.executeQuery(compiled)).rows;
}

interface Shape {
  sql: string;
  parameters: readonly unknown[];
  /** Which value goes where among the parameters: [parameter index, value index]. */
  slots: ReadonlyArray<readonly [number, number]>;
}

interface Compiled {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * Where each value goes, from two builds with different probes: the texts must be the same, every
 * parameter that differs must be one value's probe in each build (a value may appear more than
 * once), and every other one the same in both. Null when a parameter differs otherwise (a value
 * derived from one, say): such a statement is built every time.
 */
function valueSlots(
  first: Compiled,
  second: Compiled,
  probes: readonly [readonly unknown[], readonly unknown[]],
): Array<[number, number]> | null {
  if (first.sql !== second.sql || first.parameters.length !== second.parameters.length) return null;
  const slots: Array<[number, number]> = [];
  for (let at = 0; at < first.parameters.length; at++) {
    const [one, other] = [first.parameters[at], second.parameters[at]];
    if (one === other) continue;
    const value = probes[0].findIndex((probe, i) => probe === one && probes[1][i] === other);
    if (value === -1) return null;
    slots.push([at, value]);
  }
  return slots;
}

/**
 * A statement whose text never changes, only some values in it (a souvenir's public id, a wall
 * page's cursor): Kysely builds and compiles it once per database, and each call gets that text
 * with its own values put where the values were. Building a souvenir's page's statement (its
 * photos, comments and version as JSON columns) took 0.22 ms of every crawled page's CPU, a deep
 * wall page's 35 to 47 µs (issue 19). It is built twice at first, with two probes for each value
 * that differ in all a build could read of them (length, case, digits, instant): it is reused
 * only when the two texts are the same and every parameter that differs is one value's probe in
 * each; a text that depends on a value, or a value derived from one, makes it build every time.
 */
export function valuesStatement<DB, V extends readonly unknown[], R>(
  build: (db: Kysely<DB>, values: V) => Compilable<R>,
  probes: readonly [NoInfer<V>, NoInfer<V>],
): (db: Kysely<DB>, values: V) => CompiledQuery<R> {
  if (probes[0].length !== probes[1].length || probes[0].some((probe, i) => probe === probes[1][i]))
    throw new Error('each value needs two different probes');
  const shapes = new WeakMap<Kysely<DB>, Shape | null>();
  return (db, values) => {
    let shape = shapes.get(db);
    if (shape === undefined) {
      const first = build(db, probes[0]).compile();
      const slots = valueSlots(first, build(db, probes[1]).compile(), probes);
      shape = slots === null ? null : { sql: first.sql, parameters: first.parameters, slots };
      shapes.set(db, shape);
    }
    if (!shape) return build(db, values).compile();
    const parameters = [...shape.parameters];
    for (const [at, value] of shape.slots) parameters[at] = values[value];
    return CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>;
  };
}

/** valuesStatement for a statement of one value. */
export function oneValueStatement<DB, V, R>(
  build: (db: Kysely<DB>, value: V) => Compilable<R>,
  probes: readonly [NoInfer<V>, NoInfer<V>],
): (db: Kysely<DB>, value: V) => CompiledQuery<R> {
  const statement = valuesStatement(
    (db: Kysely<DB>, [value]: readonly [V]) => build(db, value),
    [[probes[0]], [probes[1]]],
  );
  return (db, value) => statement(db, [value]);
}
