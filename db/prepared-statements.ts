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
  /** Where the value goes among the parameters. */
  at: number;
}

/** Where two builds with different probes differ: nowhere else, and only in that one parameter; null otherwise. */
function valueSlot<V>(
  first: { sql: string; parameters: readonly unknown[] },
  second: { sql: string; parameters: readonly unknown[] },
  probes: readonly [V, V],
): number | null {
  if (first.sql !== second.sql || first.parameters.length !== second.parameters.length) return null;
  const differing = first.parameters.flatMap((parameter, i) => (parameter === second.parameters[i] ? [] : [i]));
  if (differing.length !== 1) return null;
  const at = differing[0]!;
  return first.parameters[at] === probes[0] && second.parameters[at] === probes[1] ? at : null;
}

/**
 * A statement whose text never changes, only one value in it (a souvenir's public id): Kysely
 * builds and compiles it once per database, and each call gets that text with its own value put
 * where the value was. Building a souvenir's page's statement (its photos, comments and version
 * as JSON columns) took 0.22 ms of every crawled page's CPU (issue 19). It is built twice at
 * first, with two probes that differ in all a build could read of them (length, case, digits):
 * it is reused only when the two texts are the same and their values differ in exactly one
 * place, each probe there as it was given; a text that depends on the value, or a value derived
 * from it, makes it build every time instead.
 */
export function oneValueStatement<DB, V, R>(
  build: (db: Kysely<DB>, value: V) => Compilable<R>,
  probes: readonly [NoInfer<V>, NoInfer<V>],
): (db: Kysely<DB>, value: V) => CompiledQuery<R> {
  const shapes = new WeakMap<Kysely<DB>, Shape | null>();
  return (db, value) => {
    let shape = shapes.get(db);
    if (shape === undefined) {
      const first = build(db, probes[0]).compile();
      const at = valueSlot(first, build(db, probes[1]).compile(), probes);
      shape = at === null ? null : { sql: first.sql, parameters: first.parameters, at };
      shapes.set(db, shape);
    }
    if (!shape) return build(db, value).compile();
    const parameters = [...shape.parameters];
    parameters[shape.at] = value;
    return CompiledQuery.raw(shape.sql, parameters) as CompiledQuery<R>;
  };
}
