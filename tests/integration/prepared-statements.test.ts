import { it, expect } from 'vitest';
import { CompiledQuery, sql } from 'kysely';
import type { Compilable } from 'kysely';
import { describeEachDatabase } from '../helpers/databases.ts';
import {
  executePrepared,
  keepPrepared,
  oneValueStatement,
  preparedName,
  valuesStatement,
} from '../../db/prepared-statements.ts';

describeEachDatabase('statements kept prepared (db/prepared-statements.ts)', (t) => {
  it('runs a kept text under a name of its own on each connection, with new values each time', async () => {
    const text = 'select $1::int + 1 as "next" /* prepared-statements test */';
    const other = 'select $1::int + 2 as "next" /* prepared-statements test */';
    keepPrepared(text);
    keepPrepared(other);
    expect(preparedName(text)).toMatch(/^mur_/);
    expect(preparedName(other)).not.toBe(preparedName(text));
    expect(preparedName('select 1')).toBeUndefined();
    await t.db.connection().execute(async (connection) => {
      const run = async (query: string, value: number) =>
        (await connection.executeQuery<{ next: number }>(CompiledQuery.raw(query, [value]))).rows[0]!.next;
      expect([await run(text, 1), await run(text, 41), await run(other, 1)]).toEqual([2, 42, 3]);
      if (t.engine !== 'postgres') return;
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(connection);
      expect(prepared.rows.map((row) => row.name).sort()).toEqual([preparedName(text), preparedName(other)].sort());
    });
  });
  it('runs a query builder as a kept statement, with its rows, on either engine', async () => {
    await t.db.connection().execute(async (connection) => {
      const query = (n: number) =>
        connection.selectNoFrom(sql<number>`${n}::int * 2`.as('twice')).where(sql<boolean>`true`);
      expect(await executePrepared(connection, query(21))).toEqual([{ twice: 42 }]);
      expect(await executePrepared(connection, query(5))).toEqual([{ twice: 10 }]);
      const name = preparedName(query(1).compile().sql);
      expect(name).toMatch(/^mur_/);
      if (t.engine !== 'postgres') return;
      const prepared = await sql<{ name: string }>`select name from pg_prepared_statements`.execute(connection);
      expect(prepared.rows.map((row) => row.name)).toContain(name);
    });
  });
  it('builds a one-value statement once and runs it with each value, as built each time would', async () => {
    const select = (db: typeof t.db, word: string) =>
      db.selectNoFrom([sql<string>`${'«'}::text || ${word}::text`.as('quoted'), sql<number>`${7}::int`.as('n')]);
    let built = 0;
    const statement = oneValueStatement(
      (db: typeof t.db, word: string) => {
        built++;
        return select(db, word);
      },
      ['probe', 'Second-Probe-42'],
    );
    for (const word of ['Bataclan', "l'été", 'probe', '«']) {
      const compiled = statement(t.db, word);
      const fresh = select(t.db, word).compile();
      expect({ sql: compiled.sql, parameters: compiled.parameters }).toEqual({
        sql: fresh.sql,
        parameters: ['«', word, 7],
      });
      expect(await executePrepared(t.db, compiled)).toEqual([{ quoted: `«${word}`, n: 7 }]);
    }
    // Built with each of the two probes, then never again.
    expect(built).toBe(2);
  });

  it('puts several values, each where it was, once or twice, dates too, as built each time would', async () => {
    let built = 0;
    const select = (db: typeof t.db, [at, id, word]: readonly [Date, number, string]) =>
      db.selectNoFrom([
        sql<string>`${word}::text || ${id}::int || ${word}::text`.as('out'),
        sql<Date>`${at}::timestamptz`.as('at'),
        sql<number>`${7}::int`.as('n'),
      ]);
    const statement = valuesStatement(
      (db: typeof t.db, values: readonly [Date, number, string]) => {
        built++;
        return select(db, values);
      },
      [
        [new Date(Date.UTC(1900, 0, 1)), -1, 'probe'],
        [new Date(Date.UTC(1901, 1, 2, 3, 4, 5, 6)), -22, 'Second-Probe-42'],
      ],
    );
    for (const values of [
      [new Date('2015-11-13T20:40:00Z'), 42, 'Bataclan'],
      [new Date('2026-12-07T17:00:00.123Z'), 7, "l'été"],
    ] as const) {
      const compiled = statement(t.db, values);
      const fresh = select(t.db, values).compile();
      expect({ sql: compiled.sql, parameters: compiled.parameters }).toEqual({
        sql: fresh.sql,
        parameters: fresh.parameters,
      });
      expect(await executePrepared(t.db, compiled)).toEqual([
        { out: `${values[2]}${values[1]}${values[2]}`, at: values[0], n: 7 },
      ]);
    }
    expect(built).toBe(2);
    expect(() =>
      valuesStatement(select, [
        [new Date(0), 1, 'a'],
        [new Date(1), 1, 'b'],
      ]),
    ).toThrow(/two different probes/);
  });

  it('builds each time a statement whose text or other values follow the value', async () => {
    const counting = (make: (db: typeof t.db, word: string) => Compilable<{ out: string }>) => {
      const calls = { n: 0 };
      const statement = oneValueStatement(
        (db: typeof t.db, word: string) => {
          calls.n++;
          return make(db, word);
        },
        ['probe', 'Second-Probe-42'],
      );
      return { statement, calls };
    };
    const shapes = [
      // A value derived from it beside it.
      counting((db, word) => db.selectNoFrom(sql<string>`${word}::text || ${word.toUpperCase()}::text`.as('out'))),
      // Text that depends on it.
      counting((db, word) => db.selectNoFrom(sql<string>`${word}::text || ${sql.lit(word.length)}::text`.as('out'))),
    ];
    const expected = [(w: string) => w + w.toUpperCase(), (w: string) => w + w.length];
    for (const [i, { statement, calls }] of shapes.entries()) {
      for (const word of ['a', 'bc']) {
        expect(await executePrepared(t.db, statement(t.db, word))).toEqual([{ out: expected[i]!(word) }]);
      }
      // Two probes, then one build per call.
      expect(calls.n).toBe(4);
    }
  });
});
