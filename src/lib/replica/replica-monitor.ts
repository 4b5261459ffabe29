import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { parseLsn } from './lsn.ts';

/** What the replica said at its last check. */
export type ReplicaStatus =
  | { usable: true; replayed: bigint; lagMs: number }
  | { usable: false; reason: 'unreachable' | 'lagging' | 'not-a-standby'; lagMs: number | null };

export interface ReplicaMonitorOptions {
  /** Past this lag the replica is skipped (REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  /** A check's answer is reused this long, so a busy page costs no extra round trip per query. */
  cacheMs?: number;
  /** A replica found unusable is asked again after this long (no query per request while it is down). */
  retryMs?: number;
  /** A check that takes longer counts as a replica down. */
  timeoutMs?: number;
  log?: (line: string) => void;
  now?: () => number;
}

export const DEFAULT_MAX_LAG_MS = 5_000;

/**
 * The replica's replayed position and lag, read by one small statement at most every `cacheMs`
 * (one check in flight at a time, shared by every caller). The lag is the age of the last replayed
 * commit while the standby has received more than it replayed, else 0: an idle primary sends
 * nothing to replay, which is not lag. The first write after a quiet minute looks a minute late
 * for the millisecond between its receipt and its replay, so a replica is skipped for its lag only
 * when two checks in a row say so. Says once when the replica starts being skipped and once when
 * it is back, never per request.
 */
export class ReplicaMonitor {
  readonly #replica: Kysely<Database>;
  readonly #maxLagMs: number;
  readonly #cacheMs: number;
  readonly #retryMs: number;
  readonly #timeoutMs: number;
  readonly #log: (line: string) => void;
  readonly #now: () => number;
  #status: ReplicaStatus | null = null;
  #checkedAt = -Infinity;
  #inFlight: Promise<ReplicaStatus> | null = null;
  #laggedLastCheck = false;

  constructor(replica: Kysely<Database>, options: ReplicaMonitorOptions) {
    this.#replica = replica;
    this.#maxLagMs = options.maxLagMs;
    this.#cacheMs = options.cacheMs ?? 20;
    this.#retryMs = options.retryMs ?? 1_000;
    this.#timeoutMs = options.timeoutMs ?? 1_000;
    this.#log = options.log ?? ((line) => console.warn(line));
    this.#now = options.now ?? Date.now;
  }

  /**
   * The last status, refreshed when older than the cache (or the retry delay while unusable).
   * While the replica is unusable nobody waits for a check: a replica that does not answer would
   * otherwise hold every page for the check's timeout.
   */
  status(): Promise<ReplicaStatus> {
    const age = this.#now() - this.#checkedAt;
    const down = this.#status?.usable === false;
    if (this.#status && age < (down ? this.#retryMs : this.#cacheMs)) return Promise.resolve(this.#status);
    this.#inFlight ??= this.#check().finally(() => (this.#inFlight = null));
    return down ? Promise.resolve(this.#status!) : this.#inFlight;
  }

  /** A connection to the replica failed (db/create-db.ts): skip it now, without waiting for the next check. */
  reportUnreachable(error: Error): void {
    this.#record({ usable: false, reason: 'unreachable', lagMs: null }, error.message);
  }

  async #check(): Promise<ReplicaStatus> {
    let status: ReplicaStatus;
    let detail = '';
    try {
      const row = await withTimeout(this.#read(), this.#timeoutMs);
      const replayed = parseLsn(row.replayed);
      const lagMs = Math.max(0, Math.round(Number(row.lag_ms ?? 0)));
      if (!row.in_recovery || replayed === null) status = { usable: false, reason: 'not-a-standby', lagMs: null };
      else if (lagMs > this.#maxLagMs && this.#laggedLastCheck) status = { usable: false, reason: 'lagging', lagMs };
      else status = { usable: true, replayed, lagMs };
      this.#laggedLastCheck = lagMs > this.#maxLagMs;
    } catch (error) {
      status = { usable: false, reason: 'unreachable', lagMs: null };
      detail = (error as Error).message;
    }
    this.#record(status, detail);
    return status;
  }

  async #read() {
    const result = await sql<{ in_recovery: boolean; replayed: string | null; lag_ms: string | number | null }>`
      select pg_is_in_recovery() as in_recovery,
             pg_last_wal_replay_lsn()::text as replayed,
             case when pg_last_wal_receive_lsn() is null or pg_last_wal_receive_lsn() <= pg_last_wal_replay_lsn() then 0
                  else extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000 end as lag_ms`.execute(
      this.#replica,
    );
    return result.rows[0]!;
  }

  #record(status: ReplicaStatus, detail: string): void {
    const wasUsable = this.#status === null ? true : this.#status.usable;
    if (wasUsable && !status.usable) {
      const why =
        status.reason === 'lagging'
          ? `lagging ${status.lagMs} ms behind (more than ${this.#maxLagMs} ms)`
          : status.reason === 'not-a-standby'
            ? 'not a standby in recovery'
            : `unreachable${detail ? ` (${detail})` : ''}`;
      this.#log(`[replica] skipped, public pages read from the primary: ${why}`);
    } else if (!wasUsable && status.usable && this.#status !== null) {
      this.#log(`[replica] back in use (lag ${status.lagMs} ms)`);
    }
    this.#status = status;
    this.#checkedAt = this.#now();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
