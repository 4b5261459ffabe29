import { describe, it, expect } from 'vitest';
import {
  decodeKeysetCursor,
  decodeNumberPair,
  encodeKeysetCursor,
  encodeNumberPair,
} from '../../src/lib/pagination/keyset-cursor.ts';

describe('encodeNumberPair and decodeNumberPair', () => {
  it('round-trips two whole numbers in base 36', () => {
    expect(encodeNumberPair(36, 35)).toBe('10.z');
    expect(decodeNumberPair(encodeNumberPair(1_733_443_200_000, 2_147_483_647), 12)).toEqual([
      1_733_443_200_000, 2_147_483_647,
    ]);
  });

  it('refuses anything that is not two base-36 numbers of at most `digits` characters', () => {
    for (const bad of [null, undefined, '', 'x', '1.', '.1', '1.2.3', '-1.2', 'A.1', '1234.1'])
      expect(decodeNumberPair(bad, 3)).toBeNull();
    expect(decodeNumberPair('123.zzz', 3)).toEqual([1371, 46_655]);
  });
});

describe('wall cursors', () => {
  it('round-trips', () => {
    const cursor = { at: new Date('2026-11-13T21:40:00.123Z'), id: 4242 };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
  });
});

describe('keyset cursor', () => {
  it('round-trips and refuses hand-edited values', () => {
    const cursor = { at: new Date('2026-11-25T10:00:00.123Z'), id: 42 };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
    for (const bad of ['', 'abc', '1.2.3', 'zzzzzzzzzzzzz.1', '1.zzzzzzz']) expect(decodeKeysetCursor(bad)).toBeNull();
  });
});
