import type { ColumnType, Generated } from 'kysely';
import type { Timestamp } from './columns.ts';

// The venue's screen: its rundown, how its loop plays, the moments of silence.

/** A souvenir a moderator allowed on the venue's screen, its place in the rundown and its time there. */
export interface ScreenItemTable {
  souvenir_id: number;
  position: number;
  duration_ms: number;
  added_at: ColumnType<Date, Date | string, never>;
}

/** How the venue's loop plays (one row, id 1); its position follows from `loop_started_at` and the clock. */
export interface ScreenStateTable {
  id: number;
  mode: 'rundown' | 'shuffle';
  shuffle_seed: number;
  loop_started_at: Timestamp;
  paused_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  frozen_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  updated_at: Timestamp;
}

/** A moment of silence on every screen, from `starts_at` for `duration_ms`. */
export interface ScreenSilenceTable {
  id: Generated<number>;
  starts_at: ColumnType<Date, Date | string, never>;
  duration_ms: number;
  created_at: ColumnType<Date, Date | string, never>;
  /** The recurring silence this is an occurrence of (migration 970); null when started from the console. */
  schedule_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Called off from the console (kept so that its schedule does not claim it again). */
  cancelled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type SilenceRecurrence = 'yearly' | 'daily';

/** A moment of silence at set times (migration 970): each occurrence becomes a `screen_silence` row. */
export interface SilenceScheduleTable {
  id: Generated<number>;
  recurrence: SilenceRecurrence;
  month: number | null;
  day: number | null;
  /** Paris time of day, "HH:MM" or "HH:MM:SS". */
  time: string;
  duration_ms: number;
  anniversary_only: Generated<boolean>;
  created_at: ColumnType<Date, Date | string, never>;
}
