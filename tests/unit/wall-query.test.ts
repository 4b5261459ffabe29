import { describe, it, expect } from 'vitest';
import { parseYear, readParam } from '../../src/lib/wall/wall-query.ts';

describe('readParam', () => {
  it('reads a parameter that parses, and reports one that is given but does not', () => {
    const problems: Array<'annee' | 'tag'> = [];
    const params = new URLSearchParams('annee=2014&tag=');
    expect(readParam(params, 'annee', parseYear, problems)).toBe(2014);
    expect(readParam(params, 'tag', () => null, problems)).toBeNull();
    expect(problems).toEqual([]);
    expect(readParam(new URLSearchParams('annee=1515'), 'annee', parseYear, problems)).toBeNull();
    expect(problems).toEqual(['annee']);
  });
});
