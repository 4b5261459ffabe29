import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type { LogEvent } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import type { Database } from './types.ts';
import { lockDataDir } from './lock.ts';
import { retryingPool } from './connection-loss.ts';

export interface DbOptions {
  /** A PostgreSQL URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory, or 'memory://' for a throw-away instance. */
  dataDir?: string | undefined;
  /** Called for every query (tests count queries with it). */
  log?: ((event: LogEvent) => void) | undefined;
  /** Largest pool for PostgreSQL. */
  poolSize?: number | undefined;
}

export interface DbHandle {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  /** The PGlite instance when embedded (LISTEN/NOTIFY goes through it). */
  pglite?: PGlite;
  /** Closes the pool or PGlite and releases the data-directory lock. */
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './data/pglite';

/** The extensions every PGlite of ours loads (tests that open PGlite themselves too). */
export const PGLITE_EXTENSIONS = { unaccent };

/** Opens the database the options describe; reads no environment variable itself. */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
    });
    // A connection dropped by a database restart must not crash the process: idle clients
    // report through the pool, checked-out ones through their own 'error' event (the query
    // in flight rejects on its own and the pool discards the client).
    pool.on('error', (error) => console.error('[db] idle client error:', error.message));
    pool.on('connect', (client) => {
      client.on('error', (error) => console.error('[db] connection lost:', error.message));
    });
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: retryingPool(pool) }),
      ...(options.log ? { log: options.log } : {}),
    });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }

  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    // Search's text configurations unaccent through the extension (migration 300).
    const pglite = await PGlite.create(dataDir, { extensions: PGLITE_EXTENSIONS });
    const db = new Kysely<Database>({
      dialect: new PGliteDialect({ pglite }),
      ...(options.log ? { log: options.log } : {}),
    });
    return {
      db,
      engine: 'pglite',
      pglite,
      close: async () => {
        try {
          await db.destroy();
          if (!pglite.closed) await pglite.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
