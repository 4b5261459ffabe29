import { describe, it, expect } from 'vitest';
import {
  canonicalWallSearch,
  parseWallQuery,
  parseYear,
  readParam,
  wallHref,
  wallSearch,
} from '../../src/lib/wall/wall-query.ts';
import { encodeKeysetCursor } from '../../src/lib/pagination/keyset-cursor.ts';

const cursor = encodeKeysetCursor({ at: new Date('2026-01-01T00:00:00Z'), id: 42 });

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

describe('wall addresses', () => {
  it('parses a year, a hashtag, a cursor and the layout, and reports what does not parse', () => {
    const ok = parseWallQuery(
      new URLSearchParams({ annee: '1999', tag: '#Jazz', avant: cursor, 'mise-en-page': 'encadre' }),
    );
    expect(ok.problems).toEqual([]);
    expect(ok.query).toMatchObject({ year: 1999, tag: 'jazz', rawCursor: cursor, layout: 'encadre' });
    expect(ok.query.cursor).toEqual({ at: new Date('2026-01-01T00:00:00Z'), id: 42 });
    const bad = parseWallQuery(new URLSearchParams({ annee: '99', tag: 'a b', avant: 'x' }));
    expect(bad.problems).toEqual(['annee', 'tag', 'avant']);
    expect(bad.query).toMatchObject({ year: null, tag: null, cursor: null, rawCursor: null, layout: 'pleine' });
  });

  it('writes every link in one canonical order, the wide layout being the plain address', () => {
    expect(wallSearch({})).toBe('');
    expect(wallSearch({ layout: 'pleine' })).toBe('');
    expect(wallSearch({ layout: 'encadre', cursor, tag: 'jazz', year: 1999 })).toBe(
      `?annee=1999&tag=jazz&avant=${cursor}&mise-en-page=encadre`,
    );
    expect(wallHref('en', { tag: 'été' })).toBe('/en/?tag=%C3%A9t%C3%A9');
    expect(canonicalWallSearch(new URLSearchParams('mise-en-page=encadre&tag=Jazz&annee=1999'))).toBe(
      '?annee=1999&tag=jazz&mise-en-page=encadre',
    );
  });
});
