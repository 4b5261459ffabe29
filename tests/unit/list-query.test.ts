import { describe, expect, it } from 'vitest';
import { keptListQuery, queueFilterOf } from '../../src/lib/moderation/list-query.ts';
import { encodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

describe('the queue’s list in its address', () => {
  it('reads the search, trimmed and at most 200 characters, and the flagged box', () => {
    expect(queueFilterOf(new URLSearchParams('q=%20balcon%20&signales=1'))).toEqual({ text: 'balcon', flagged: true });
    expect(queueFilterOf(new URLSearchParams('q=%20&signales=oui'))).toEqual({ text: null, flagged: false });
    expect(queueFilterOf(new URLSearchParams({ q: 'x'.repeat(300) })).text).toHaveLength(200);
  });

  it('reads a search with no term in it (quotes or a minus alone) as no search', () => {
    for (const q of ['"', '-', '-"', '«»', '" "'])
      expect(queueFilterOf(new URLSearchParams({ q, signales: '1' })), q).toEqual({ text: null, flagged: true });
    expect(queueFilterOf(new URLSearchParams({ q: '-rock' })).text).toBe('-rock');
    // Cut at 200 without half an emoji or a blank at the end.
    expect(queueFilterOf(new URLSearchParams({ q: `${'x'.repeat(199)}😀` })).text).toBe('x'.repeat(199));
    expect(queueFilterOf(new URLSearchParams({ q: `${'x'.repeat(199)} z` })).text).toBe('x'.repeat(199));
  });

  it('keeps the search and a readable page for the edit page, and nothing else', () => {
    const cursor = encodeKeysetCursor({ at: new Date('2026-11-01T10:00:00Z'), id: 42 });
    const kept = keptListQuery(
      new URLSearchParams({ q: 'balcon', signales: '1', curseur: cursor, statut: 'spam', fait: 'edit' }),
    );
    expect([...kept]).toEqual([
      ['q', 'balcon'],
      ['signales', '1'],
      ['curseur', cursor],
    ]);
    expect([...keptListQuery(new URLSearchParams({ curseur: 'pas-un-curseur' }))]).toEqual([]);
  });
});
