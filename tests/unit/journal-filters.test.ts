import { describe, it, expect } from 'vitest';
import { dayStart, parseJournalFilters } from '../../src/lib/moderation/journal-filters.ts';

describe('journal filters', () => {
  it('turns a calendar day into the instant it starts in Paris, summer and winter', () => {
    expect(dayStart('2026-11-10')?.toISOString()).toBe('2026-11-09T23:00:00.000Z');
    expect(dayStart('2026-07-14')?.toISOString()).toBe('2026-07-13T22:00:00.000Z');
    // The last Sunday of March: midnight is still winter time.
    expect(dayStart('2026-03-29')?.toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStart('2026-03-29', 1)?.toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(dayStart('2026-12-31', 1)?.toISOString()).toBe('2026-12-31T23:00:00.000Z');
    for (const bad of ['2026-02-30', '26-11-10', '2026-13-01', 'demain']) expect(dayStart(bad)).toBeNull();
  });

  it('keeps what it understands and names what it drops', () => {
    const parsed = parseJournalFilters(
      new URLSearchParams('moderateur=3&action=approve&du=2026-11-01&au=nope&curseur=zz'),
    );
    expect(parsed.query).toMatchObject({ actorId: 3, action: 'approve', from: new Date('2026-10-31T23:00:00Z') });
    expect(parsed.query.to).toBeUndefined();
    expect(parsed.values).toEqual({ moderateur: '3', action: 'approve', du: '2026-11-01', au: '' });
    expect(parsed.ignored).toEqual(['au', 'curseur']);
    expect(parseJournalFilters(new URLSearchParams('moderateur=x&action=drop table')).ignored).toEqual([
      'moderateur',
      'action',
    ]);
  });
});
