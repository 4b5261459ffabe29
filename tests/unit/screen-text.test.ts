import { describe, expect, it } from 'vitest';
import { fill } from '../../src/components/wall/screen-text.ts';

describe('fill', () => {
  it('fills each placeholder it has a value for and leaves the others as they were', () => {
    expect(fill('{n} sur {total} · {unknown}', { n: 1, total: 30 })).toBe('1 sur 30 · {unknown}');
  });

  it('writes a value as text, never as a further template', () => {
    expect(fill('par {name}', { name: '{n} <b>' })).toBe('par {n} <b>');
  });
});
