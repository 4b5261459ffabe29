import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { PUBLIC_SOUVENIR_COLUMNS, toPublicSouvenir } from '../souvenirs/model.ts';
import { photosOf } from '../photos/shown.ts';
import { toScreenSouvenir } from '../wall/screen-feed.ts';
import type { ScreenSouvenir } from '../wall/screen-feed.ts';
import { shuffled } from './venue-loop.ts';
import { anniversaryFigures, isAnniversary, readAnniversary } from './anniversary.ts';
import type { AnniversaryFigures } from './anniversary.ts';

export type VenueMode = 'rundown' | 'shuffle';

export interface VenueItem {
  souvenir: ScreenSouvenir;
  durationMs: number;
}

export interface VenueSilence {
  startsAt: number;
  durationMs: number;
}

/** Everything a venue screen needs to play, as every process reads it from the database. */
export interface VenueState {
  /** The server's clock when this was read: each screen corrects its own clock by it. */
  now: number;
  mode: VenueMode;
  frozen: boolean;
  loopStartedAt: number;
  pausedAt: number | null;
  /** In the order they play (the rundown's, or the agreed shuffle). */
  items: VenueItem[];
  /** The silence going on, or the next one scheduled; null when none is. */
  silence: VenueSilence | null;
  /** During the anniversary as admins scheduled it, the day's counters; null on other days. */
  anniversary: AnniversaryFigures | null;
}

export const DEFAULT_STATE = { mode: 'rundown' as VenueMode, shuffleSeed: 1, loopStartedAt: 0 };

/** The loop's row, or its defaults before the console was ever used. */
export async function readLoopRow(db: Kysely<Database>) {
  const row = await db.selectFrom('screen_state').selectAll().where('id', '=', 1).executeTakeFirst();
  return {
    mode: row?.mode ?? DEFAULT_STATE.mode,
    shuffleSeed: row?.shuffle_seed ?? DEFAULT_STATE.shuffleSeed,
    loopStartedAt: row ? row.loop_started_at.getTime() : DEFAULT_STATE.loopStartedAt,
    pausedAt: row?.paused_at ? row.paused_at.getTime() : null,
    frozenAt: row?.frozen_at ?? null,
  };
}

export interface ScreenEntry {
  souvenirId: number;
  publicId: string;
  durationMs: number;
  position: number;
  addedAt: Date;
}

/**
 * The souvenirs on the venue's screen in rundown order, only those the wall still shows (one
 * withdrawn or hidden by reports leaves the screen at once, frozen or not); while frozen, only
 * those added before the freeze.
 */
export async function screenEntries(
  db: Kysely<Database>,
  { frozenAt = null }: { frozenAt?: Date | null } = {},
): Promise<ScreenEntry[]> {
  let query = db
    .selectFrom('screen_item')
    .innerJoin('souvenir', 'souvenir.id', 'screen_item.souvenir_id')
    .select([
      'screen_item.souvenir_id',
      'souvenir.public_id',
      'screen_item.duration_ms',
      'screen_item.position',
      'screen_item.added_at',
    ])
    .where('souvenir.status', '=', 'approved')
    .where('souvenir.hidden_by_reports', '=', false)
    .orderBy('screen_item.position')
    .orderBy('screen_item.souvenir_id');
  if (frozenAt) query = query.where('screen_item.added_at', '<=', frozenAt);
  const rows = await query.execute();
  return rows.map((row) => ({
    souvenirId: row.souvenir_id,
    publicId: row.public_id,
    durationMs: row.duration_ms,
    position: row.position,
    addedAt: row.added_at,
  }));
}

/** The entries in the order they play: the rundown's, or the shuffle every screen agrees on. */
export function playOrder<T extends { publicId: string }>(entries: readonly T[], mode: VenueMode, seed: number): T[] {
  if (mode === 'rundown') return [...entries];
  return shuffled(
    entries.map((entry) => ({ id: entry.publicId, entry })),
    seed,
  ).map((x) => x.entry);
}

/** The silence going on at `now`, or the next one. */
export async function currentSilence(db: Kysely<Database>, now: Date): Promise<VenueSilence | null> {
  const rows = await db
    .selectFrom('screen_silence')
    .select(['starts_at', 'duration_ms'])
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', new Date(now.getTime() - 3_600_000))
    .orderBy('starts_at')
    .execute();
  const row = rows.find((r) => r.starts_at.getTime() + r.duration_ms > now.getTime());
  return row ? { startsAt: row.starts_at.getTime(), durationMs: row.duration_ms } : null;
}

/** What every venue screen plays now: three reads, whatever the number of screens (see VenueHub). */
export async function readVenueState(db: Kysely<Database>, now = new Date()): Promise<VenueState> {
  const loop = await readLoopRow(db);
  const entries = playOrder(await screenEntries(db, { frozenAt: loop.frozenAt }), loop.mode, loop.shuffleSeed);
  const ids = entries.map((entry) => entry.souvenirId);
  const [rows, photos, silence, anniversary] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('souvenir')
          .select([...PUBLIC_SOUVENIR_COLUMNS, 'id'])
          .where('id', 'in', ids)
          .execute(),
    photosOf(db, ids),
    currentSilence(db, now),
    readAnniversary(db).then((schedule) => (isAnniversary(schedule, now) ? anniversaryFigures(db, now) : null)),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items: VenueItem[] = [];
  for (const entry of entries) {
    const row = byId.get(entry.souvenirId);
    if (row)
      items.push({
        souvenir: toScreenSouvenir(toPublicSouvenir(row), photos.get(row.id)),
        durationMs: entry.durationMs,
      });
  }
  return {
    now: now.getTime(),
    mode: loop.mode,
    frozen: loop.frozenAt !== null,
    loopStartedAt: loop.loopStartedAt,
    pausedAt: loop.pausedAt,
    items,
    silence,
    anniversary,
  };
}
