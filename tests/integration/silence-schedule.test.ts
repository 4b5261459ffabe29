import { it, expect } from 'vitest';
import { describeEachDatabase, openSecondProcess } from '../helpers/databases.ts';
import {
  claimDueSilences,
  createSilenceSchedule,
  listSilenceSchedules,
  nextOccurrence,
  removeSilenceSchedule,
  SILENCE_LOOKAHEAD_MS,
  SilenceScheduleError,
} from '../../src/lib/commemoration/silence-schedule.ts';
import type { NewSilenceSchedule } from '../../src/lib/commemoration/silence-schedule.ts';
import { cancelSilence, plannedSilences } from '../../src/lib/commemoration/silences.ts';
import { currentSilence } from '../../src/lib/commemoration/venue-state.ts';
import { DEFAULT_ANNIVERSARY } from '../../src/lib/commemoration/anniversary.ts';
import { venueControl as actor } from '../helpers/actors.ts';
import { journalEntries } from '../helpers/journal.ts';

// 13 November 2026, 21:44 in Paris (UTC+1 in winter): three minutes before 21:47.
const EVENING = new Date('2026-11-13T20:44:00Z');
const yearly: NewSilenceSchedule = {
  recurrence: 'yearly',
  month: 11,
  day: 13,
  time: '21:47',
  durationMs: 60_000,
  anniversaryOnly: false,
};
const daily: NewSilenceSchedule = { ...yearly, recurrence: 'daily', month: null, day: null, time: '12:00' };

describeEachDatabase('silences at set times (issue 21)', (t) => {
  const rows = () =>
    t.db
      .selectFrom('screen_silence')
      .select(['starts_at', 'duration_ms', 'schedule_id'])
      .orderBy('starts_at')
      .execute();
  const journal = () => journalEntries(t.db, {});

  it('finds the next 13 November at 21:47 Paris time, summer or winter, and the one going on', () => {
    expect(nextOccurrence(yearly, EVENING, DEFAULT_ANNIVERSARY)).toEqual(new Date('2026-11-13T20:47:00Z'));
    // 30 s into it: still this one (it goes on); once over, next year's.
    expect(nextOccurrence(yearly, new Date('2026-11-13T20:47:30Z'), DEFAULT_ANNIVERSARY)).toEqual(
      new Date('2026-11-13T20:47:00Z'),
    );
    expect(nextOccurrence(yearly, new Date('2026-11-13T20:48:00Z'), DEFAULT_ANNIVERSARY)).toEqual(
      new Date('2027-11-13T20:47:00Z'),
    );
    const july = { ...yearly, month: 7, day: 14, time: '12:00:30' };
    expect(nextOccurrence(july, EVENING, DEFAULT_ANNIVERSARY)).toEqual(new Date('2027-07-14T10:00:30Z'));
  });

  it('repeats a daily time every day, or only during the anniversary when asked', () => {
    expect(nextOccurrence(daily, EVENING, DEFAULT_ANNIVERSARY)).toEqual(new Date('2026-11-14T11:00:00Z'));
    const onlyThatDay = { ...daily, anniversaryOnly: true };
    expect(nextOccurrence(onlyThatDay, new Date('2026-11-12T08:00:00Z'), DEFAULT_ANNIVERSARY)).toEqual(
      new Date('2026-11-13T11:00:00Z'),
    );
    expect(nextOccurrence(onlyThatDay, EVENING, DEFAULT_ANNIVERSARY)).toEqual(new Date('2027-11-13T11:00:00Z'));
  });

  it('claims an occurrence only within the lookahead, once however often it is asked, and journals the schedule', async () => {
    const tooEarly = new Date(EVENING.getTime() - SILENCE_LOOKAHEAD_MS - 7 * 60_000);
    await createSilenceSchedule(t.db, yearly, { actor, now: tooEarly });
    expect(await rows()).toEqual([]);
    expect(await claimDueSilences(t.db, EVENING)).toBe(1);
    expect(await claimDueSilences(t.db, new Date(EVENING.getTime() + 1_000))).toBe(0);
    const [row] = await rows();
    expect(row!.starts_at).toEqual(new Date('2026-11-13T20:47:00Z'));
    expect(row!.duration_ms).toBe(60_000);
    expect(await currentSilence(t.db, EVENING)).toEqual({
      startsAt: Date.parse('2026-11-13T20:47:00Z'),
      durationMs: 60_000,
    });
    expect((await journal()).map((e) => e.action)).toEqual(['screen.schedule']);
  });

  it('claims at once a schedule made minutes before its time', async () => {
    await createSilenceSchedule(t.db, { ...yearly, durationMs: 30_000 }, { actor, now: EVENING });
    expect((await rows()).map((r) => r.duration_ms)).toEqual([30_000]);
  });

  it('lets several processes racing for the same occurrence start it once', async () => {
    await createSilenceSchedule(t.db, yearly, { actor, now: new Date('2026-11-01T12:00:00Z') });
    const others = await Promise.all([openSecondProcess(t), openSecondProcess(t), openSecondProcess(t)]);
    try {
      const claimed = await Promise.all(
        [t.db, ...others.map((o) => o.db), t.db, ...others.map((o) => o.db)].map((db) => claimDueSilences(db, EVENING)),
      );
      expect(claimed.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await rows()).toHaveLength(1);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });

  it('removes a schedule with its occurrences to come, and lists what is left', async () => {
    const kept = await createSilenceSchedule(t.db, daily, { actor, now: EVENING });
    const removed = await createSilenceSchedule(t.db, yearly, { actor, now: EVENING });
    expect((await rows()).map((r) => r.schedule_id)).toEqual([removed.id]);
    await removeSilenceSchedule(t.db, removed.id, { actor, now: EVENING });
    expect(await rows()).toEqual([]);
    expect((await listSilenceSchedules(t.db)).map((s) => s.id)).toEqual([kept.id]);
    expect(await currentSilence(t.db, EVENING)).toBeNull();
    await expect(removeSilenceSchedule(t.db, removed.id, { actor, now: EVENING })).rejects.toThrow(
      SilenceScheduleError,
    );
    expect((await journal()).map((e) => e.action)).toEqual(['screen.schedule', 'screen.schedule', 'screen.unschedule']);
  });

  it('calls off one occurrence without its schedule claiming it again, and refuses one already over', async () => {
    await createSilenceSchedule(t.db, yearly, { actor, now: EVENING });
    const [planned] = await plannedSilences(t.db, EVENING);
    expect(planned).toMatchObject({ startsAt: new Date('2026-11-13T20:47:00Z'), durationMs: 60_000 });
    await cancelSilence(t.db, planned!.id, { actor, now: EVENING });
    expect(await claimDueSilences(t.db, EVENING)).toBe(0);
    expect(await currentSilence(t.db, EVENING)).toBeNull();
    expect(await plannedSilences(t.db, EVENING)).toEqual([]);
    await expect(cancelSilence(t.db, planned!.id, { actor, now: EVENING })).rejects.toThrow(SilenceScheduleError);
    expect((await journal()).at(-1)!.action).toBe('screen.cancelSilence');
  });

  it('refuses a day that does not exist, a malformed time and a duration outside 5 s to 1 h', async () => {
    for (const wrong of [
      { ...yearly, month: 2, day: 30 },
      { ...yearly, time: '24:00' },
      { ...yearly, time: '9:47' },
      { ...yearly, durationMs: 4_000 },
      { ...daily, durationMs: 3_600_001 },
    ]) {
      await expect(createSilenceSchedule(t.db, wrong, { actor, now: EVENING })).rejects.toMatchObject({
        code: 'invalid',
      });
    }
    expect(await listSilenceSchedules(t.db)).toEqual([]);
  });
});
