import { describe, expect, it } from 'vitest';
import { MAX_PHOTOS, nextPosition } from '../../src/lib/photos/positions.ts';

describe("where an author's added photo goes (positions.ts)", () => {
  it('goes after the last photo, first of all when there is none', () => {
    expect(nextPosition([])).toBe(1);
    expect(nextPosition([1, 2])).toBe(3);
    // After the last one, not in an earlier gap, while there is room after it.
    expect(nextPosition([2])).toBe(3);
  });

  it('fills the first place a removal left when the last place is taken, and none when full', () => {
    expect(MAX_PHOTOS).toBe(4);
    expect(nextPosition([4])).toBe(1);
    expect(nextPosition([1, 3, 4])).toBe(2);
    expect(nextPosition([1, 2, 3, 4])).toBeNull();
  });
});
