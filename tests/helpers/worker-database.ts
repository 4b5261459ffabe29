/**
 * Vitest setup file (PostgreSQL runs): points DATABASE_URL at a database of this worker's own,
 * created on first use, so that two files can run at once on PostgreSQL. Sharing one database
 * between workers was not enough, even with a schema per file: LISTEN/NOTIFY channels and advisory
 * locks are per database, Kysely's migrator reads every schema's tables (it failed when another
 * file dropped its schema at that moment), and the wall-invalidation test kills the listener's
 * connection by name. Files of one worker run one after the other, as they did on one database.
 */
import { inject } from 'vitest';
import pg from 'pg';

const base = inject('postgresBaseUrl');
if (base) {
  const url = new URL(base);
  const name = `${inject('workerDatabasePrefix')}${process.env.VITEST_POOL_ID ?? '0'}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  url.pathname = `/${name}`;
  process.env.DATABASE_URL = url.toString();
}
