import { describe, expect, it } from 'vitest';
import { DEFAULT_POOL_SIZE, parsePoolSize } from '../../db/pool-size.ts';

describe('parsePoolSize', () => {
  it('keeps the default when DATABASE_POOL_SIZE is unset or blank', () => {
    expect(parsePoolSize(undefined)).toBe(DEFAULT_POOL_SIZE);
    expect(parsePoolSize('  ')).toBe(DEFAULT_POOL_SIZE);
  });

  it('reads a whole number from 1 to 200', () => {
    expect(parsePoolSize('1')).toBe(1);
    expect(parsePoolSize(' 30 ')).toBe(30);
    expect(parsePoolSize('200')).toBe(200);
  });

  it.each(['0', '201', '-5', '2.5', 'ten', '1e2', '0x10'])('refuses %s at start, saying why', (value) => {
    expect(() => parsePoolSize(value)).toThrow(/DATABASE_POOL_SIZE must be a whole number from 1 to 200/);
  });
});
