import { describe, expect, it } from 'vitest';
import { KeptShells } from '../../src/lib/render/kept-shells.ts';
import { cutShell } from '../../src/lib/render/page-shell.ts';

const shellOf = (page: string) => () => cutShell<'x'>(page, [{ hole: 'x', text: 'X', count: 1 }]);

describe('shells kept per key and generation', () => {
  it('keeps one shell per key for the generation it was cut at, with its headers and what filling it needs', () => {
    const kept = new KeptShells<'x', { origin: string }>(4);
    expect(kept.keep('a', 1, new Headers({ 'x-a': '1' }), shellOf('<p>X</p>'), { origin: 'https://a' })).toBe(true);
    expect(kept.has('a', 1)).toBe(true);
    expect(kept.get('a', 1)).toMatchObject({ headers: [['x-a', '1']], meta: { origin: 'https://a' } });
    expect(kept.get('a', 2)).toBeUndefined();
    // The key has one already: the next page of the same kind is filled, not cut.
    expect(kept.keep('a', 1, new Headers(), shellOf('<p>X</p>'), { origin: 'https://b' })).toBe(false);
    expect(kept.get('a', 1)!.meta.origin).toBe('https://a');
  });

  it('keeps nothing a page cannot be cut into, nothing from before a change, and nothing at all with max 0', () => {
    const kept = new KeptShells<'x'>(4);
    expect(kept.keep('a', 1, new Headers(), shellOf('<p>X X</p>'), null)).toBe(false);
    expect(kept.keep('a', 3, new Headers(), shellOf('<p>X</p>'), null)).toBe(true);
    expect(kept.keep('b', 2, new Headers(), shellOf('<p>X</p>'), null)).toBe(false);
    expect(kept.size).toBe(1);
    const none = new KeptShells<'x'>(0);
    expect(none.keep('a', 1, new Headers(), shellOf('<p>X</p>'), null)).toBe(false);
  });

  it('forgets the shells of older generations when a newer one is cut, and the oldest key past max', () => {
    const kept = new KeptShells<'x'>(2);
    kept.keep('a', 1, new Headers(), shellOf('X'), null);
    kept.keep('b', 2, new Headers(), shellOf('X'), null);
    expect(kept.size).toBe(1);
    kept.keep('c', 2, new Headers(), shellOf('X'), null);
    kept.keep('d', 2, new Headers(), shellOf('X'), null);
    expect(kept.size).toBe(2);
    expect(kept.has('b', 2)).toBe(false);
    expect(kept.has('d', 2)).toBe(true);
  });
});
