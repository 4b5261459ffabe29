import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ImportSourceTable } from '../../../db/types.ts';

export type ClaimedSource = Selectable<ImportSourceTable>;

/** How long a claim holds: a fetch that outlives it (a crashed host) lets another process take over. */
export const LEASE_MS = 5 * 60_000;
/** How often a healthy source is read again. */
export const IMPORT_INTERVAL_MS = 15 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 6 * 3_600_000;

/**
 * The next due source, claimed for this process: the row is locked with `FOR UPDATE SKIP LOCKED`
 * just long enough to set its lease, so two processes (on two hosts) never fetch one source at
 * once, and the network calls run outside any transaction. Null when nothing is due.
 */
export async function claimDueSource(db: Kysely<Database>, now = new Date()): Promise<ClaimedSource | null> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('import_source')
      .select('id')
      .where('enabled', '=', true)
      .where('next_run_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .orderBy('next_run_at')
      .limit(1)
      .forUpdate()
      .skipLocked()
      .executeTakeFirst();
    if (!due) return null;
    return trx
      .updateTable('import_source')
      .set({ lease_until: new Date(now.getTime() + LEASE_MS) })
      .where('id', '=', due.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/**
 * Claims one source now, due or not (an admin's "read now"), under the same row lock and lease as
 * claimDueSource. 'busy' while another process holds its lease: that process is reading it, and
 * reading it twice would fetch the same posts twice. Null when the source is gone or paused.
 */
export async function claimSourceNow(
  db: Kysely<Database>,
  sourceId: number,
  now = new Date(),
): Promise<ClaimedSource | 'busy' | null> {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('import_source')
      .select(['enabled', 'lease_until'])
      .where('id', '=', sourceId)
      .forUpdate()
      .executeTakeFirst();
    if (!row?.enabled) return null;
    if (row.lease_until && row.lease_until >= now) return 'busy';
    return trx
      .updateTable('import_source')
      .set({ lease_until: new Date(now.getTime() + LEASE_MS) })
      .where('id', '=', sourceId)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

/**
 * Extends this process's claim on a source it is still reading (after each page, each post's
 * images), so a long run is not taken over by another process when LEASE_MS runs out.
 */
export async function renewLease(db: Kysely<Database>, sourceId: number, now = new Date()): Promise<void> {
  await db
    .updateTable('import_source')
    .set({ lease_until: new Date(now.getTime() + LEASE_MS) })
    .where('id', '=', sourceId)
    .where('lease_until', 'is not', null)
    .execute();
}

/** What one run of a source came to, for its status line. */
export interface RunOutcome {
  status: 'ok' | 'authenticated' | 'disabled' | 'rate_limited' | 'error' | 'unsupported';
  items: number;
  error?: string;
  /** Not before then (a rate-limit reset); the normal interval or backoff otherwise. */
  notBefore?: Date;
}

/** When to try again after the `failures`-th failure in a row: 1, 2, 4… minutes, at most 6 h. */
export function backoffMs(failures: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1), LONGEST_WAIT_MS);
}

/** Records a run's outcome, schedules the next one (backing off after errors) and releases the claim. */
export async function finishRun(db: Kysely<Database>, source: ClaimedSource, outcome: RunOutcome, now = new Date()) {
  const failed = outcome.status === 'error' || outcome.status === 'rate_limited';
  const failures = failed ? source.failures + 1 : 0;
  const wait = failed ? backoffMs(failures) : IMPORT_INTERVAL_MS;
  const next = Math.max(now.getTime() + wait, outcome.notBefore?.getTime() ?? 0);
  await db
    .updateTable('import_source')
    .set({
      status: outcome.status,
      last_run_at: now,
      last_items: outcome.items,
      last_error: outcome.error ?? null,
      failures,
      next_run_at: new Date(next),
      lease_until: null,
    })
    .where('id', '=', source.id)
    .execute();
}

/** A source's checkpoint for one feed (a hashtag), if it has been read before. */
export async function checkpointOf(db: Kysely<Database>, sourceId: number, feed: string) {
  return db
    .selectFrom('import_checkpoint')
    .select(['since_id', 'cursor'])
    .where('source_id', '=', sourceId)
    .where('feed', '=', feed)
    .executeTakeFirst();
}

/** Moves a feed's checkpoint forward (saved after each page, so a failure mid-way loses nothing read). */
export async function saveCheckpoint(
  db: Kysely<Database>,
  sourceId: number,
  feed: string,
  point: { sinceId?: string | null; cursor?: string | null },
  now = new Date(),
) {
  await db
    .insertInto('import_checkpoint')
    .values({
      source_id: sourceId,
      feed,
      since_id: point.sinceId ?? null,
      cursor: point.cursor ?? null,
      updated_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['source_id', 'feed']).doUpdateSet({
        since_id: sql`excluded.since_id`,
        cursor: sql`excluded.cursor`,
        updated_at: sql`excluded.updated_at`,
      }),
    )
    .execute();
}
