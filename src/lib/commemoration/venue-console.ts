import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { loopPosition } from './venue-loop.ts';
import { readVenueState, screenEntries } from './venue-state.ts';
import type { VenueMode, VenueSilence } from './venue-state.ts';

export interface ConsoleSouvenir {
  publicId: string;
  title: string | null;
  authorName: string;
}

export interface ConsoleEntry extends ConsoleSouvenir {
  durationMs: number;
  /** Added while the screen is frozen: it waits for the screen to be unfrozen. */
  waiting: boolean;
}

/** What the venue's console shows: what plays and what follows, the switches, the rundown, what could be added. */
export interface VenueConsole {
  current: ConsoleSouvenir | null;
  next: ConsoleSouvenir | null;
  /** When the current item gives way (null while paused or empty). */
  currentEndsAt: Date | null;
  mode: VenueMode;
  paused: boolean;
  frozen: boolean;
  silence: (VenueSilence & { on: boolean }) | null;
  rundown: ConsoleEntry[];
  candidates: ConsoleSouvenir[];
}

export const CONSOLE_CANDIDATES = 20;

/** The console's reading at `now`: the same loop the screens compute, plus the rundown as edited. */
export async function readVenueConsole(db: Kysely<Database>, now = new Date()): Promise<VenueConsole> {
  const state = await readVenueState(db, now);
  const playing = state.items.map((i) => ({ id: i.souvenir.publicId, durationMs: i.durationMs }));
  const position = loopPosition(playing, state, now.getTime());
  const pick = (index: number): ConsoleSouvenir | null => {
    const souvenir = state.items[index]?.souvenir;
    return souvenir ? { publicId: souvenir.publicId, title: souvenir.title, authorName: souvenir.authorName } : null;
  };
  const entries = await screenEntries(db);
  const ids = entries.map((e) => e.souvenirId);
  const [rows, candidates] = await Promise.all([
    ids.length === 0
      ? Promise.resolve([])
      : db.selectFrom('souvenir').select(['id', 'public_id', 'title', 'author_name']).where('id', 'in', ids).execute(),
    db
      .selectFrom('souvenir')
      .select(['public_id', 'title', 'author_name'])
      .where('status', '=', 'approved')
      .where('hidden_by_reports', '=', false)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('screen_item').select('souvenir_id').whereRef('screen_item.souvenir_id', '=', 'souvenir.id'),
          ),
        ),
      )
      .orderBy('approved_at', 'desc')
      .orderBy('id', 'desc')
      .limit(CONSOLE_CANDIDATES)
      .execute(),
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const playingIds = new Set(playing.map((p) => p.id));
  return {
    current: position ? pick(position.index) : null,
    next: position && state.items.length > 1 ? pick((position.index + 1) % state.items.length) : null,
    currentEndsAt: position?.endsAt ? new Date(position.endsAt) : null,
    mode: state.mode,
    paused: state.pausedAt !== null,
    frozen: state.frozen,
    silence: state.silence && {
      ...state.silence,
      on: now.getTime() >= state.silence.startsAt,
    },
    rundown: entries.flatMap((entry) => {
      const row = byId.get(entry.souvenirId);
      return row
        ? [
            {
              publicId: row.public_id,
              title: row.title,
              authorName: row.author_name,
              durationMs: entry.durationMs,
              waiting: !playingIds.has(row.public_id),
            },
          ]
        : [];
    }),
    candidates: candidates.map((c) => ({ publicId: c.public_id, title: c.title, authorName: c.author_name })),
  };
}
