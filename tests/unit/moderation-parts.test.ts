import { describe, it, expect } from 'vitest';
import { allowedDecisions, DECISIONS } from '../../src/lib/moderation/decisions.ts';
import { encodeKeysetCursor, decodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';
import { dayStart, parseJournalFilters } from '../../src/lib/moderation/journal-filters.ts';
import { JOURNAL_ACTIONS } from '../../src/lib/moderation/journal.ts';
import { CONTRIBUTION_STATUSES } from '../../src/lib/contributions/kinds.ts';
import { isMessageKey } from '../../src/lib/i18n/index.ts';

describe('allowed decisions', () => {
  it('offers only decisions that change something', () => {
    expect(allowedDecisions('pending', false)).toEqual(['approve', 'reject', 'spam', 'trash']);
    expect(allowedDecisions('approved', false)).toEqual(['pin', 'reject', 'spam', 'trash']);
    expect(allowedDecisions('approved', true)).toEqual(['unpin', 'reject', 'spam', 'trash']);
    expect(allowedDecisions('rejected', false)).toEqual(['approve', 'spam', 'trash']);
    expect(allowedDecisions('spam', false)).toEqual(['restore', 'approve', 'reject', 'trash']);
    expect(allowedDecisions('trash', false)).toEqual(['restore', 'approve', 'reject', 'spam']);
  });

  it('offers nothing for a souvenir its author withdrew', () => {
    expect(allowedDecisions('trash', false, true)).toEqual([]);
  });
});

describe('catalogue keys built from enumerated values', () => {
  it('exist for every status, decision, conflict and journal action', () => {
    const keys = [
      ...CONTRIBUTION_STATUSES.flatMap((s) => [
        `moderation.status.${s}`,
        `moderation.tab.${s}`,
        `moderation.conflict.${s}`,
      ]),
      ...DECISIONS.map((d) => `moderation.decision.${d}`),
      ...JOURNAL_ACTIONS.map((a) => `journal.action.${a}`),
    ];
    expect(keys.filter((k) => !isMessageKey(k))).toEqual([]);
  });
});

describe('keyset cursor', () => {
  it('round-trips and refuses hand-edited values', () => {
    const cursor = { at: new Date('2026-11-25T10:00:00.123Z'), id: 42 };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
    for (const bad of ['', 'abc', '1.2.3', 'zzzzzzzzzzzzz.1', '1.zzzzzzz']) expect(decodeKeysetCursor(bad)).toBeNull();
  });
});

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
