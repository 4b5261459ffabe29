import type { Kysely } from 'kysely';
import type { Database, SilenceRecurrence } from '../../../db/types.ts';
import { DomainError } from '../errors.ts';
import { recordEvent } from '../moderation/audit.ts';
import { changeScreens, wakeScreens } from './screen-change.ts';
import type { ScreenChangeOptions } from './screen-change.ts';
import { isAnniversary, readAnniversary } from './anniversary.ts';
import type { AnniversarySchedule } from './anniversary.ts';
import { parisDay, parisTimeOn, parseParisTime } from './paris-time.ts';
import { repeatEvery } from '../ops/repeat.ts';

/**
 * How far ahead an occurrence becomes a `screen_silence` row: every screen then holds it minutes
 * before it starts and enters it on the server's clock, so a slow stream cannot make one late.
 */
export const SILENCE_LOOKAHEAD_MS = 5 * 60_000;
/** How often each process looks for an occurrence to claim (well within the lookahead). */
export const SILENCE_POLL_MS = 15_000;

export interface SilenceSchedule {
  id: number;
  recurrence: SilenceRecurrence;
  /** Yearly: the Paris day (month 1–12, day 1–31); null for daily. */
  month: number | null;
  day: number | null;
  /** Paris time of day, "HH:MM" or "HH:MM:SS". */
  time: string;
  durationMs: number;
  /** Daily: only on the anniversary as admins scheduled it. */
  anniversaryOnly: boolean;
}

export type NewSilenceSchedule = Omit<SilenceSchedule, 'id'>;

export type SilenceScheduleErrorCode = 'invalid' | 'not_found';
export class SilenceScheduleError extends DomainError<SilenceScheduleErrorCode> {
  constructor(code: SilenceScheduleErrorCode) {
    super('SilenceScheduleError', 'Silence schedule refused', code);
  }
}

/**
 * The first occurrence of `schedule` that has not ended at `now` (it may be going on), or null
 * when none falls within the coming year (a 29 February, an anniversary-only time outside the
 * anniversary's hours). Paris days, so 21:47 stays 21:47 across the change to summer time.
 */
export function nextOccurrence(schedule: NewSilenceSchedule, now: Date, anniversary: AnniversarySchedule): Date | null {
  for (let offset = -1; offset <= 366; offset++) {
    const at = parisTimeOn(now, offset, schedule.time);
    if (!at) return null;
    if (at.getTime() + schedule.durationMs <= now.getTime()) continue;
    if (schedule.recurrence === 'yearly') {
      const { month, day } = parisDay(at);
      if (month !== schedule.month || day !== schedule.day) continue;
    } else if (schedule.anniversaryOnly && !isAnniversary(anniversary, at)) continue;
    return at;
  }
  return null;
}

function toSchedule(row: {
  id: number;
  recurrence: SilenceRecurrence;
  month: number | null;
  day: number | null;
  time: string;
  duration_ms: number;
  anniversary_only: boolean;
}): SilenceSchedule {
  return {
    id: row.id,
    recurrence: row.recurrence,
    month: row.month,
    day: row.day,
    time: row.time,
    durationMs: row.duration_ms,
    anniversaryOnly: row.anniversary_only,
  };
}

export async function listSilenceSchedules(db: Kysely<Database>): Promise<SilenceSchedule[]> {
  const rows = await db.selectFrom('silence_schedule').selectAll().orderBy('id').execute();
  return rows.map(toSchedule);
}

/** The schedules with each one's next occurrence (null when none falls within a year), for the console. */
export async function scheduledSilences(
  db: Kysely<Database>,
  now = new Date(),
): Promise<Array<SilenceSchedule & { next: Date | null }>> {
  const [schedules, anniversary] = await Promise.all([listSilenceSchedules(db), readAnniversary(db)]);
  return schedules.map((schedule) => ({ ...schedule, next: nextOccurrence(schedule, now, anniversary) }));
}

/**
 * Turns every occurrence due within the lookahead into a `screen_silence` row and wakes the
 * screens. Any process may run it at any time: the unique (schedule_id, starts_at) lets one
 * insert each occurrence, the others' inserts do nothing. An occurrence called off from the
 * console keeps its row (cancelled), so it is not claimed again. Returns how many this call claimed.
 */
export async function claimDueSilences(db: Kysely<Database>, now = new Date()): Promise<number> {
  const [schedules, anniversary] = await Promise.all([listSilenceSchedules(db), readAnniversary(db)]);
  const due = schedules.flatMap((schedule) => {
    const at = nextOccurrence(schedule, now, anniversary);
    return at && at.getTime() - now.getTime() <= SILENCE_LOOKAHEAD_MS ? [{ schedule, at }] : [];
  });
  if (due.length === 0) return 0;
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('screen_silence')
      .values(
        due.map(({ schedule, at }) => ({
          starts_at: at,
          duration_ms: schedule.durationMs,
          created_at: now,
          schedule_id: schedule.id,
        })),
      )
      .onConflict((oc) => oc.columns(['schedule_id', 'starts_at']).doNothing())
      .returning('id')
      .execute();
    if (claimed.length > 0) await wakeScreens(trx);
    return claimed.length;
  });
}

function checked(schedule: NewSilenceSchedule): NewSilenceSchedule {
  const yearly = schedule.recurrence === 'yearly';
  const validDay =
    !yearly ||
    (schedule.month !== null &&
      schedule.day !== null &&
      new Date(Date.UTC(2024, schedule.month - 1, schedule.day)).getUTCDate() === schedule.day);
  if (
    !validDay ||
    !parseParisTime(schedule.time) ||
    !Number.isInteger(schedule.durationMs) ||
    schedule.durationMs < 5_000 ||
    schedule.durationMs > 3_600_000
  ) {
    throw new SilenceScheduleError('invalid');
  }
  return yearly ? { ...schedule, anniversaryOnly: false } : { ...schedule, month: null, day: null };
}

/**
 * An admin schedules a silence at set times: every year on a Paris day, or every day (only
 * during the anniversary if asked), at a Paris time, for `durationMs`. The schedule and its
 * journal row commit together; an occurrence already within the lookahead is claimed at once.
 * Throws SilenceScheduleError `invalid` for a day that does not exist, a malformed time or a
 * duration outside 5 s–1 h.
 */
export async function createSilenceSchedule(
  db: Kysely<Database>,
  input: NewSilenceSchedule,
  { actor, now = new Date() }: ScreenChangeOptions,
): Promise<SilenceSchedule> {
  const schedule = checked(input);
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('silence_schedule')
      .values({
        recurrence: schedule.recurrence,
        month: schedule.month,
        day: schedule.day,
        time: schedule.time,
        duration_ms: schedule.durationMs,
        anniversary_only: schedule.anniversaryOnly,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordEvent(trx, {
      actor,
      action: 'screen.schedule',
      targetType: 'setting',
      targetId: inserted.id,
      after: schedule,
    });
    return inserted;
  });
  await claimDueSilences(db, now);
  return toSchedule(row);
}

/**
 * An admin removes a recurring silence: its occurrences not yet started go with it (one going on
 * finishes); the screens are told at once.
 */
export async function removeSilenceSchedule(
  db: Kysely<Database>,
  id: number,
  options: ScreenChangeOptions,
): Promise<void> {
  await changeScreens(db, options, async (trx, now) => {
    await trx.deleteFrom('screen_silence').where('schedule_id', '=', id).where('starts_at', '>', now).execute();
    const removed = await trx.deleteFrom('silence_schedule').where('id', '=', id).returningAll().executeTakeFirst();
    if (!removed) throw new SilenceScheduleError('not_found');
    return { action: 'screen.unschedule', targetType: 'setting', targetId: id, after: toSchedule(removed) };
  });
}

/**
 * Every process claims due silences now and every SILENCE_POLL_MS; a failure is logged and the
 * next tick tries again. Returns a function that stops it.
 */
export function scheduleSilences(db: Kysely<Database>, log: Pick<Console, 'error'> = console): () => void {
  return repeatEvery(
    SILENCE_POLL_MS,
    () => claimDueSilences(db),
    (error) => log.error('[silence] could not claim the scheduled silences (will retry):', (error as Error).message),
  );
}
