import { describe, it, expect } from 'vitest';
import { photoCache } from '../../scripts/lib/photo-files.ts';

const variant = (size: number, hash = 'h') => ({ contentType: 'image/webp', hash, bytes: Buffer.alloc(size) });

describe('the photo cache of a host', () => {
  it('keeps at most its size in bytes, the least recently used going first', () => {
    const cache = photoCache(100, 60_000);
    cache.set('a', variant(20), 0);
    cache.set('b', variant(20), 0);
    cache.set('c', variant(20), 0);
    expect(cache.get('a', 1)).toBeDefined(); // a is now the most recent
    cache.set('d', variant(25), 1);
    cache.set('e', variant(25), 1);
    expect(cache.size).toBeLessThanOrEqual(100);
    expect(cache.get('b', 2)).toBeUndefined();
    expect(cache.get('a', 2)).toBeDefined();
  });

  it('never holds one variant larger than a quarter of it', () => {
    const cache = photoCache(100, 60_000);
    cache.set('big', variant(26), 0);
    expect(cache.get('big', 0)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('reads an entry again from the database once it is older than its age', () => {
    const cache = photoCache(100, 1_000);
    cache.set('a', variant(10), 0);
    expect(cache.get('a', 999)).toBeDefined();
    expect(cache.get('a', 2_000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});
