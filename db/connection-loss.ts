import type pg from 'pg';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import { preparedName } from './prepared-statements.ts';

/**
 * PostgreSQL error classes that mean the connection, not the query, failed: 08 (connection
 * exception), 57P01–57P03 (the server shut down or is starting). Node's socket codes and the
 * messages `pg` uses when the socket closes under it say the same thing.
 */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|Client has encountered a connection error|terminating connection/i;

/** True when an error says the database connection was lost (a restart, a failover, a dropped link). */
export function isConnectionLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return CONNECTION_MESSAGES.test(error.message);
}

/**
 * PostgreSQL's refusal of a statement kept prepared on a connection (prepared-statements.ts)
 * whose result's columns changed type since, as a migration run by another host does: the
 * connection keeps refusing it until the statement is prepared anew. Raised before anything runs.
 */
export function isStalePlan(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === '0A000' &&
    /cached plan must not change result type/i.test(error.message)
  );
}

/**
 * A statement that only reads, and so may run again on another connection: a plain SELECT, not
 * locking rows and calling none of the functions that write or tell (notify, sequences, locks, the wall's figures).
 */
export function isRetryableRead(sqlText: string): boolean {
  return (
    /^\s*select\b/i.test(sqlText) &&
    !/\bfor\s+(update|share|no key update|key share)\b|pg_notify\s*\(|nextval\s*\(|setval\s*\(|pg_advisory|wall_recompute\s*\(/i.test(
      sqlText,
    )
  );
}

type QueryResult = pg.QueryResult<Record<string, unknown>>;

/** Runs `sqlText` as its kept prepared statement when it has one (prepared-statements.ts), else unnamed. */
function run(client: pg.PoolClient, sqlText: string, parameters: readonly unknown[]): Promise<QueryResult> {
  const name = preparedName(sqlText);
  if (name) return client.query({ name, text: sqlText, values: parameters as unknown[] });
  return client.query(sqlText, parameters as unknown[]);
}

/**
 * A pooled client that runs a read again, once, on a fresh connection when its connection drops
 * under it outside a transaction (issue 13: a page read met a database restart and answered 500).
 * Writes and anything inside a transaction fail as before: only the caller knows whether they
 * may be repeated.
 */
class RetryingClient {
  /** Null once a lost connection was given back and no new one could be had (the database is still down). */
  #client: pg.PoolClient | null;
  readonly #connect: () => Promise<pg.PoolClient>;
  #inTransaction = false;
  /** Holds a kept statement PostgreSQL refuses (isStalePlan): dropped, not pooled, when given back. */
  #stale = false;

  constructor(client: pg.PoolClient, connect: () => Promise<pg.PoolClient>) {
    this.#client = client;
    this.#connect = connect;
  }

  /** Kysely reads it to cancel a query; 0 makes it ask the server instead. */
  get processID(): number {
    return (this.#client as unknown as { processID?: number } | null)?.processID ?? 0;
  }

  async query(sqlText: string, parameters: readonly unknown[]): Promise<QueryResult> {
    this.#trackTransaction(sqlText);
    const client = this.#live();
    try {
      return await run(client, sqlText, parameters);
    } catch (error) {
      if (isStalePlan(error)) return this.#afterStalePlan(client, error, sqlText, parameters);
      if (this.#inTransaction || !isConnectionLost(error) || !isRetryableRead(sqlText)) throw error;
      console.warn(
        `[db] connection lost during a read (${(error as Error).message}); reading again on a fresh connection`,
      );
      // Given back before asking for another: if the database is still down, Kysely's release of
      // this client later must not give the lost one back twice (pg throws, and the page got a 500).
      client.release(true);
      this.#client = null;
      this.#client = await this.#connect();
      return run(this.#client, sqlText, parameters);
    }
  }

  /**
   * After a kept statement was refused as stale: the connection goes when given back (a new one
   * prepares the statement anew). Outside a transaction the statement runs again at once on a
   * fresh connection, a write too: PostgreSQL refused it before running any of it. Inside one the
   * transaction has failed, and only its caller may repeat it.
   */
  async #afterStalePlan(
    client: pg.PoolClient,
    error: unknown,
    sqlText: string,
    parameters: readonly unknown[],
  ): Promise<QueryResult> {
    if (this.#inTransaction) {
      this.#stale = true;
      throw error;
    }
    console.warn('[db] a kept statement met a table changed since it was prepared; running it on a fresh connection');
    client.release(true);
    this.#client = null;
    this.#client = await this.#connect();
    return run(this.#client, sqlText, parameters);
  }

  release(destroy?: boolean): void {
    this.#client?.release(destroy || this.#stale);
    this.#client = null;
  }

  #live(): pg.PoolClient {
    if (!this.#client)
      throw Object.assign(new Error('Connection terminated: no connection to read on'), { code: '08003' });
    return this.#client;
  }

  #trackTransaction(sqlText: string) {
    if (/^\s*(begin|start transaction)\b/i.test(sqlText)) this.#inTransaction = true;
    else if (/^\s*(commit|rollback)\s*(;|$)/i.test(sqlText)) this.#inTransaction = false;
  }
}

/**
 * The pool Kysely's PostgresDialect is given: `pg`'s own, handing out retrying clients. `connect`
 * opens every connection, the first and a retry's (the read replica's falls back to the primary).
 */
export function retryingPool(
  pool: pg.Pool,
  connect: () => Promise<pg.PoolClient> = () => pool.connect(),
): PostgresPool {
  return {
    options: pool.options,
    // Kysely's client type also has a cursor overload of `query` (streaming), which we never use.
    connect: async () => new RetryingClient(await connect(), connect) as unknown as PostgresPoolClient,
    end: () => pool.end(),
  };
}
