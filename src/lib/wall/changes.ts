import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { repeatEvery } from '../ops/repeat.ts';

/** How long changes are kept: a screen away for longer starts again from the page it reloads. */
export const WALL_CHANGE_RETENTION_MS = 2 * 24 * 60 * 60 * 1000;
/** At most this many changes are replayed at once; a screen shows far fewer souvenirs. */
export const REPLAY_LIMIT = 200;

export interface WallChange {
  seq: number;
  souvenirId: number;
}

export type WallChangeKind = 'souvenir' | 'comment' | 'other';

/** Writes one change to the sequence, in the caller's transaction (`souvenirId`: whose, if anyone's). */
export async function recordWallChange(
  db: Kysely<Database>,
  kind: WallChangeKind,
  souvenirId: number | null,
): Promise<void> {
  await db.insertInto('wall_event').values({ kind, souvenir_id: souvenirId, changed_at: new Date() }).execute();
}

/** The sequence's position now (0 when nothing changed yet): what a rendered screen page carries. */
export async function latestWallChange(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('wall_event')
    .select(sql<number | null>`max(seq)::int`.as('seq'))
    .executeTakeFirst();
  return row?.seq ?? 0;
}

/**
 * The souvenir changes after `since`, only the latest of each souvenir (its current state is what counts),
 * in sequence order; the newest REPLAY_LIMIT when there are more.
 */
export async function wallChangesSince(
  db: Kysely<Database>,
  since: number,
  limit = REPLAY_LIMIT,
): Promise<WallChange[]> {
  const rows = await db
    .selectFrom('wall_event')
    .select(['seq', 'souvenir_id'])
    .where('seq', '>', since)
    .where('kind', '=', 'souvenir')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  const latest = new Map<number, number>();
  for (const row of rows)
    if (row.souvenir_id !== null && !latest.has(row.souvenir_id)) latest.set(row.souvenir_id, row.seq);
  return [...latest].map(([souvenirId, seq]) => ({ seq, souvenirId })).sort((a, b) => a.seq - b.seq);
}

/** Drops changes older than the retention; part of the daily purge. Answers how many went. */
export async function purgeWallChanges(db: Kysely<Database>, now = new Date()): Promise<number> {
  const result = await db
    .deleteFrom('wall_event')
    .where('changed_at', '<', new Date(now.getTime() - WALL_CHANGE_RETENTION_MS))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Purges old changes now and daily; every process may run it (the delete is idempotent). */
export function scheduleWallChangePurge(db: Kysely<Database>): () => void {
  return repeatEvery(
    24 * 60 * 60 * 1000,
    () => purgeWallChanges(db),
    (error) => console.error('[wall] could not purge old changes (will retry in a day):', (error as Error).message),
  );
}
