import { describe, it, expect } from 'vitest';
import { screenPosition } from '../../src/lib/wall/screen-feed.ts';

describe('the live screen stream', () => {
  it('takes the position from Last-Event-ID, else from the page, and ignores anything else', () => {
    expect(screenPosition('42', '7')).toBe(42);
    expect(screenPosition(null, '7')).toBe(7);
    expect(screenPosition('abc', '0')).toBe(0);
    // An approval time from before the change sequence is not a position.
    expect(screenPosition('1795599588441', null)).toBeNull();
    expect(screenPosition(null, null)).toBeNull();
  });
});
