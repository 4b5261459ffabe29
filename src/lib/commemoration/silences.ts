import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { SilenceScheduleError } from './silence-schedule.ts';
import { changeScreens } from './screen-change.ts';
import type { ScreenChangeOptions } from './screen-change.ts';

export interface PlannedSilence {
  id: number;
  startsAt: Date;
  durationMs: number;
  /** The recurring silence it comes from; null when started from the console. */
  scheduleId: number | null;
}

/** The silences going on or to come (one-off, and scheduled ones already claimed), soonest first. */
export async function plannedSilences(db: Kysely<Database>, now = new Date()): Promise<PlannedSilence[]> {
  const rows = await db
    .selectFrom('screen_silence')
    .select(['id', 'starts_at', 'duration_ms', 'schedule_id'])
    .where('cancelled_at', 'is', null)
    .where('starts_at', '>', new Date(now.getTime() - 3_600_000))
    .orderBy('starts_at')
    .execute();
  return rows
    .filter((row) => row.starts_at.getTime() + row.duration_ms > now.getTime())
    .map((row) => ({ id: row.id, startsAt: row.starts_at, durationMs: row.duration_ms, scheduleId: row.schedule_id }));
}

/**
 * The console calls off a silence to come, or ends one going on: the row stays, marked, so that
 * its schedule does not claim it again; the screens are told at once. Throws SilenceScheduleError
 * `not_found` for a silence already over or called off.
 */
export async function cancelSilence(db: Kysely<Database>, id: number, options: ScreenChangeOptions): Promise<void> {
  await changeScreens(db, options, async (trx, now) => {
    const cancelled = await trx
      .updateTable('screen_silence')
      .set({ cancelled_at: now })
      .where('id', '=', id)
      .where('cancelled_at', 'is', null)
      .where(sql<boolean>`starts_at + duration_ms * interval '1 millisecond' > ${now}`)
      .returning(['starts_at', 'duration_ms', 'schedule_id'])
      .executeTakeFirst();
    if (!cancelled) throw new SilenceScheduleError('not_found');
    return {
      action: 'screen.cancelSilence',
      targetType: 'setting',
      targetId: id,
      after: { startsAt: cancelled.starts_at, durationMs: cancelled.duration_ms, scheduleId: cancelled.schedule_id },
    };
  });
}
