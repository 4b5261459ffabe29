import { describe, expect, it } from 'vitest';
import { groupByOwner, photoFacts } from '../../src/lib/photos/photo-row.ts';

describe('photo rows, whatever the photo belongs to', () => {
  it('describes a photo in the words pages use', () => {
    expect(
      photoFacts({ id: 7, position: 2, alt_text: 'La scène', content_note: null, width: 1600, height: 900 }),
    ).toEqual({ id: 7, position: 2, altText: 'La scène', contentNote: null, width: 1600, height: 900 });
  });

  it('keys photos by what they belong to, each list in the order given, and leaves out owners without', () => {
    const byOwner = groupByOwner([
      [3, 'a'],
      [1, 'b'],
      [3, 'c'],
    ] as const);
    expect([...byOwner]).toEqual([
      [3, ['a', 'c']],
      [1, ['b']],
    ]);
    expect(byOwner.has(2)).toBe(false);
    expect(groupByOwner([])).toEqual(new Map());
  });
});
