import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import type { LogEvent } from 'kysely';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Database } from './types.ts';
import { lockDataDir } from './lock.ts';
import { retryingPool } from './connection-loss.ts';
import { DEFAULT_POOL_SIZE } from './pool-size.ts';
import { PG_TYPES } from './timestamptz.ts';

export interface DbOptions {
  /** A PostgreSQL URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** PGlite's data directory, or 'memory://' for a throw-away instance. */
  dataDir?: string | undefined;
  /** Called for every query (tests count queries with it). */
  log?: ((event: LogEvent) => void) | undefined;
  /** Largest pool for PostgreSQL. */
  poolSize?: number | undefined;
  /** A streaming standby of `databaseUrl` for public reads (PostgreSQL only; see src/lib/replica/). */
  replicaUrl?: string | undefined;
}

/** The read replica: its own pool, and who to tell when it cannot be reached. */
export interface ReplicaHandle {
  db: Kysely<Database>;
  /** Called when a connection to the replica fails; the read that asked for it got a primary connection instead. */
  onUnreachable(listener: (error: Error) => void): void;
}

export interface DbHandle {
  db: Kysely<Database>;
  engine: 'postgres' | 'pglite';
  /** The PGlite instance when embedded (LISTEN/NOTIFY goes through it). */
  pglite?: PGlite;
  /** The read replica, when `replicaUrl` was given (PostgreSQL only). */
  replica?: ReplicaHandle;
  /** The primary's connection pool (PostgreSQL): its counts are in /metrics. */
  pool?: pg.Pool;
  /** Closes the pool or PGlite and releases the data-directory lock. */
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = './data/pglite';

/**
 * The replica's Kysely. A connection that cannot be opened (the standby stopped between two
 * health checks) is replaced by one of the primary's, so a page read never fails for it: the
 * listeners hear why and stop choosing the replica (src/lib/replica/replica-monitor.ts).
 */
function openReplica(url: string, primaryPool: pg.Pool, options: DbOptions): ReplicaHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: 1_000,
    types: PG_TYPES,
  });
  // As for the primary: a standby that stops must not crash the process.
  pool.on('error', (error) => console.error('[db] idle replica client error:', error.message));
  pool.on('connect', (client) => {
    client.on('error', (error) => console.error('[db] replica connection lost:', error.message));
  });
  const listeners: Array<(error: Error) => void> = [];
  // Used for a read's first connection and for its retry after a lost one (connection-loss.ts).
  const connectOrFallBack = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      // Whatever the reason (refused, timed out, shutting down), opening failed: no statement ran.
      for (const listener of listeners) listener(error as Error);
      return primaryPool.connect();
    }
  };
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: retryingPool(pool, connectOrFallBack) }),
    ...(options.log ? { log: options.log } : {}),
  });
  return { db, onUnreachable: (listener) => void listeners.push(listener) };
}

/** Opens the database the options describe; reads no environment variable itself. */
export async function createDb(options: DbOptions): Promise<DbHandle> {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      connectionTimeoutMillis: 5_000,
      types: PG_TYPES,
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
    if (!options.replicaUrl) return { db, engine: 'postgres', pool, close: () => db.destroy() };
    const replica = openReplica(options.replicaUrl, pool, options);
    return {
      db,
      engine: 'postgres',
      pool,
      replica,
      close: async () => {
        await replica.db.destroy();
        await db.destroy();
      },
    };
  }

  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  const inMemory = dataDir.startsWith('memory://');
  const release = inMemory ? () => {} : lockDataDir(dataDir);
  try {
    // Loaded here, not with this module: a server on PostgreSQL never needs PGlite (issue 19).
    const [{ PGlite }, { PGLITE_OPTIONS }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('./pglite-options.ts'),
    ]);
    const pglite = await PGlite.create(dataDir, PGLITE_OPTIONS);
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
