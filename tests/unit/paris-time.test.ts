import { describe, it, expect } from 'vitest';
import { nextParisTime } from '../../src/lib/commemoration/paris-time.ts';

describe('nextParisTime', () => {
  it('reads a time typed by the organiser as Paris time, in winter (UTC+1)', () => {
    expect(nextParisTime('21:16', new Date('2026-11-13T08:00:00Z'))).toEqual(new Date('2026-11-13T20:16:00Z'));
  });

  it('reads it in summer time (UTC+2)', () => {
    expect(nextParisTime('12:00', new Date('2026-07-14T08:00:00Z'))).toEqual(new Date('2026-07-14T10:00:00Z'));
  });

  it('takes tomorrow once today’s time has passed, across midnight in Paris', () => {
    expect(nextParisTime('00:30', new Date('2026-11-13T23:45:00Z'))).toEqual(new Date('2026-11-14T23:30:00Z'));
    expect(nextParisTime('09:00', new Date('2026-11-13T09:00:00Z'))).toEqual(new Date('2026-11-14T08:00:00Z'));
  });

  it('keeps the wall-clock time on the day summer time ends', () => {
    expect(nextParisTime('12:00', new Date('2026-10-25T00:30:00Z'))).toEqual(new Date('2026-10-25T11:00:00Z'));
  });

  it('refuses what is not a time of day', () => {
    for (const typed of ['24:00', '9:00', '12:60', '', 'midi']) expect(nextParisTime(typed, new Date())).toBeNull();
  });
});
