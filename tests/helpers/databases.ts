import { describe, beforeAll, afterAll, beforeEach, inject } from 'vitest';
import fs from 'node:fs';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, sql } from 'kysely';
import type { LogEvent } from 'kysely';
import pg from 'pg';
import { createDb, migrateToLatest } from '../../db/index.ts';
import type { Database, DbHandle } from '../../db/index.ts';
import { PGLITE_OPTIONS } from '../../db/pglite-options.ts';

export type Engine = 'pglite' | 'postgres';

export interface TestDatabase {
  /** The database of the current test (valid inside tests and hooks). */
  readonly db: Kysely<Database>;
  readonly handle: DbHandle;
  readonly engine: Engine;
  /** Queries seen since the last reset, for N+1 checks. */
  readonly queries: string[];
}

/**
 * The engines to run integration tests on: PGlite always, PostgreSQL when DATABASE_URL is set;
 * only PostgreSQL with TEST_ONLY_POSTGRES=1 (a second CI pass, after one that ran PGlite).
 */
export function engines(): Engine[] {
  if (!process.env.DATABASE_URL) return ['pglite'];
  return process.env.TEST_ONLY_POSTGRES === '1' ? ['postgres'] : ['pglite', 'postgres'];
}

async function openSchema(url: string, schema: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema "${schema}"`);
  await admin.end();
}

async function dropSchema(url: string, schema: string) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`drop schema if exists "${schema}" cascade`);
  await admin.end();
}

function withSearchPath(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('options', `-c search_path=${schema}`);
  return parsed.toString();
}

/**
 * A second app process: on PostgreSQL its own connection pool on the current test's schema, as
 * another host would have; PGlite is one process's database, so there it is the test's own.
 * The caller closes it.
 */
export async function openSecondProcess(
  t: TestDatabase,
  poolSize?: number,
): Promise<{ db: Kysely<Database>; close(): Promise<void> }> {
  if (t.engine !== 'postgres') return { db: t.db, close: async () => {} };
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(t.db);
  const handle = await createDb({ databaseUrl: withSearchPath(process.env.DATABASE_URL!, rows[0]!.schema), poolSize });
  return { db: handle.db, close: () => handle.close() };
}

/**
 * An in-memory PGlite loaded from the migrated template that tests/helpers/pglite-template.ts
 * made for this run; `createDb` (and migrating from scratch) when the run has no template.
 */
async function openPglite(log: (event: LogEvent) => void): Promise<DbHandle> {
  const template = inject('pgliteTemplate');
  if (!template) return createDb({ dataDir: 'memory://', log });
  const pglite = await PGlite.create({
    loadDataDir: new Blob([fs.readFileSync(template)]),
    ...PGLITE_OPTIONS,
  });
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }), log });
  return {
    db,
    engine: 'pglite',
    pglite,
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/**
 * Declares `body` once per engine, each run on its own fresh, migrated database
 * (an in-memory PGlite, or a PostgreSQL schema of its own), emptied before every test.
 */
export function describeEachDatabase(title: string, body: (t: TestDatabase) => void): void {
  for (const engine of engines()) {
    describe(`${title} [${engine}]`, () => {
      let handle: DbHandle | undefined;
      const queries: string[] = [];
      const schema = `test_${randomBytes(6).toString('hex')}`;
      const url = process.env.DATABASE_URL ?? '';
      const context: TestDatabase = {
        get db() {
          if (!handle) throw new Error('database not open yet');
          return handle.db;
        },
        get handle() {
          if (!handle) throw new Error('database not open yet');
          return handle;
        },
        engine,
        queries,
      };
      const log = (event: LogEvent) => {
        if (event.level === 'query') queries.push(event.query.sql);
      };

      beforeAll(async () => {
        if (engine === 'postgres') {
          await openSchema(url, schema);
          handle = await createDb({ databaseUrl: withSearchPath(url, schema), log, poolSize: 4 });
        } else {
          handle = await openPglite(log);
        }
        // A no-op on the template; still run, so a database is never used unmigrated.
        await migrateToLatest(handle.db, engine === 'postgres' ? { schema } : {});
      }, 60_000);

      beforeEach(async () => {
        const tables = await sql<{ tablename: string }>`
          select tablename from pg_tables
          where schemaname = current_schema() and tablename not like 'kysely_%'`.execute(context.db);
        if (tables.rows.length > 0) {
          const list = tables.rows.map((r) => `"${r.tablename}"`).join(', ');
          await sql.raw(`truncate ${list} restart identity cascade`).execute(context.db);
        }
        queries.length = 0;
      });

      afterAll(async () => {
        await handle?.close();
        if (engine === 'postgres') await dropSchema(url, schema);
      });

      body(context);
    });
  }
}
