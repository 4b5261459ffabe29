import { it, expect } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { approvedSouvenir } from '../helpers/contribution-fixtures.ts';
import {
  anniversaryFigures,
  DEFAULT_ANNIVERSARY,
  isAnniversary,
  readAnniversary,
  saveAnniversary,
  toSchedule,
} from '../../src/lib/commemoration/anniversary.ts';
import { readVenueState } from '../../src/lib/commemoration/venue-state.ts';
import { lightCandle } from '../../src/lib/wall/candles.ts';

const admin = { id: null, label: 'admin' };

it('is 13 November all day by default, in Paris time', () => {
  expect(isAnniversary(DEFAULT_ANNIVERSARY, new Date('2026-11-12T23:30:00Z'))).toBe(true);
  expect(isAnniversary(DEFAULT_ANNIVERSARY, new Date('2026-11-13T22:59:00Z'))).toBe(false);
  expect(isAnniversary(DEFAULT_ANNIVERSARY, new Date('2026-11-12T22:30:00Z'))).toBe(false);
  expect(toSchedule('{"month":13}')).toEqual(DEFAULT_ANNIVERSARY);
  expect(toSchedule({ month: 11, day: 13, starts: '20:00', ends: '19:00' })).toEqual(DEFAULT_ANNIVERSARY);
});

describeEachDatabase('the anniversary (issue 21)', (t) => {
  it('keeps the schedule admins set, with its journal row', async () => {
    expect(await readAnniversary(t.db)).toEqual(DEFAULT_ANNIVERSARY);
    await saveAnniversary(t.db, { month: 11, day: 13, starts: '18:00', ends: '23:00' }, admin);
    const schedule = await readAnniversary(t.db);
    expect(schedule).toEqual({ month: 11, day: 13, starts: '18:00', ends: '23:00' });
    expect(isAnniversary(schedule, new Date('2026-11-13T17:00:00Z'))).toBe(true);
    expect(isAnniversary(schedule, new Date('2026-11-13T16:59:00Z'))).toBe(false);
    const journal = await t.db.selectFrom('moderation_event').select('action').execute();
    expect(journal.map((j) => j.action)).toEqual(['anniversary.schedule']);
  });

  it('counts candles lit today and since the beginning, and souvenirs shared, from kept counts', async () => {
    const a = await approvedSouvenir(t.db, { title: 'La fosse' });
    const b = await approvedSouvenir(t.db, { title: 'Le balcon' });
    const day = new Date('2026-11-13T10:00:00Z');
    await lightCandle(t.db, { publicId: a.publicId, ipHash: 'one', now: new Date('2026-11-12T10:00:00Z') });
    await lightCandle(t.db, { publicId: a.publicId, ipHash: 'one', now: day });
    await lightCandle(t.db, { publicId: b.publicId, ipHash: 'two', now: day });
    expect(await anniversaryFigures(t.db, day)).toEqual({
      candlesToday: 2,
      candlesSinceTheBeginning: 3,
      souvenirsShared: 2,
    });
  });

  it('gives venue screens the counters during the anniversary only', async () => {
    await approvedSouvenir(t.db, { title: 'La fosse' });
    expect((await readVenueState(t.db, new Date('2026-11-13T10:00:00Z'))).anniversary).toMatchObject({
      souvenirsShared: 1,
    });
    expect((await readVenueState(t.db, new Date('2026-11-14T10:00:00Z'))).anniversary).toBeNull();
  });
});
