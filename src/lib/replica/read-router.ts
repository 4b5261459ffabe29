import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { parseLsn } from './lsn.ts';
import type { ReplicaMonitor } from './replica-monitor.ts';

/** Which database a public read went to, and why (tests and the log read it). */
export type ReadChoice =
  | { reader: 'replica' }
  | { reader: 'primary'; why: 'replica-unusable' | 'change-not-replayed' | 'own-write-not-replayed' };

/** The primary's current write position: what a replica must have replayed to show everything committed so far. */
export async function primaryLsn(primary: Kysely<Database>): Promise<bigint> {
  const result = await sql<{ lsn: string }>`select pg_current_wal_lsn()::text as lsn`.execute(primary);
  const lsn = parseLsn(result.rows[0]?.lsn);
  if (lsn === null) throw new Error('the primary gave no write position');
  return lsn;
}

/**
 * Chooses the database a public page reads from: the replica when it is usable (ReplicaMonitor)
 * and has replayed at least (a) the primary's position taken when this process last heard of a
 * change, so a page re-rendered after an invalidation is never older than the change, and (b) the
 * position of the reader's own last write (own-writes.ts), so whoever just acted sees it; else the
 * primary. Costs no round trip of its own: the replica's position is the monitor's cached one, and
 * the primary's is read once per change heard (one read in flight, however many changes arrive).
 */
export class ReadRouter {
  readonly primary: Kysely<Database>;
  readonly replica: Kysely<Database>;
  readonly monitor: ReplicaMonitor;
  #changeLsn = 0n;
  /** Set while the position of a change just heard is being read; pages wait for it. */
  #pending: Promise<void> | null = null;
  #changedAgain = false;
  /** The last read of the primary's position failed: the primary serves until one succeeds. */
  #changeUnknown = false;

  constructor(primary: Kysely<Database>, replica: Kysely<Database>, monitor: ReplicaMonitor) {
    this.primary = primary;
    this.replica = replica;
    this.monitor = monitor;
  }

  /** A change was heard (a wall notification, or a LISTEN connection (re)made that may have missed some). */
  noteChange(): void {
    if (this.#pending) {
      this.#changedAgain = true;
      return;
    }
    this.#pending = this.#readChangeLsn().finally(() => (this.#pending = null));
  }

  async #readChangeLsn(): Promise<void> {
    do {
      this.#changedAgain = false;
      try {
        const lsn = await primaryLsn(this.primary);
        if (lsn > this.#changeLsn) this.#changeLsn = lsn;
        this.#changeUnknown = false;
      } catch (error) {
        this.#changeUnknown = true;
        console.error('[replica] could not read the primary’s position after a change:', (error as Error).message);
        return;
      }
    } while (this.#changedAgain);
  }

  /** Where a read by someone whose own last write is at `ownWriteLsn` (if any) goes, and why. */
  async choose(ownWriteLsn: bigint | null = null): Promise<ReadChoice> {
    if (this.#pending) await this.#pending;
    if (this.#changeUnknown) this.noteChange();
    const status = await this.monitor.status();
    if (!status.usable) return { reader: 'primary', why: 'replica-unusable' };
    if (this.#changeUnknown || status.replayed < this.#changeLsn)
      return { reader: 'primary', why: 'change-not-replayed' };
    if (ownWriteLsn !== null && status.replayed < ownWriteLsn)
      return { reader: 'primary', why: 'own-write-not-replayed' };
    return { reader: 'replica' };
  }

  /** The database `choose` picked. */
  async reader(ownWriteLsn: bigint | null = null): Promise<Kysely<Database>> {
    return (await this.choose(ownWriteLsn)).reader === 'replica' ? this.replica : this.primary;
  }
}
