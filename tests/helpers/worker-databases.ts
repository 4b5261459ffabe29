/**
 * Vitest global setup (PostgreSQL runs): names the run's per-worker databases
 * (tests/helpers/worker-database.ts makes them) and drops them when the run ends.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** DATABASE_URL as the run was given it, or '' on a PGlite-only run. */
    postgresBaseUrl: string;
    /** Each worker's database is this prefix and its pool id. */
    workerDatabasePrefix: string;
  }
}

export default function setup(project: TestProject): () => Promise<void> {
  const base = process.env.DATABASE_URL ?? '';
  const prefix = `test_worker_${randomBytes(4).toString('hex')}_`;
  project.provide('postgresBaseUrl', base);
  project.provide('workerDatabasePrefix', prefix);
  return async () => {
    if (!base) return;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        'select datname from pg_database where starts_with(datname, $1)',
        [prefix],
      );
      for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
    } finally {
      await admin.end();
    }
  };
}
