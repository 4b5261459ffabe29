import { describe, expect, it } from 'vitest';
import {
  canonicalSearchQueryString,
  decodeSearchCursor,
  encodeSearchCursor,
  normaliseQuery,
  parseSearchRequest,
  searchHref,
} from '../../src/lib/search/search-query.ts';
import { cacheDecision } from '../../src/lib/wall/cache-policy.ts';

describe('search addresses', () => {
  it('tidies what was typed: controls out, spaces collapsed, 200 characters at most', () => {
    expect(normaliseQuery('  salle\u0000  comble\u202e ')).toBe('salle comble');
    expect(normaliseQuery('é'.repeat(500))).toHaveLength(200);
    expect(normaliseQuery(null)).toBe('');
  });

  it('writes one canonical address per search, in the order the search form sends it', () => {
    expect(searchHref('fr', { q: 'salle comble', year: 2015, tag: 'rock' })).toBe(
      '/recherche?q=salle+comble&annee=2015&tag=rock',
    );
    expect(searchHref('en', { q: 'été' })).toBe('/en/recherche?q=%C3%A9t%C3%A9');
    expect(canonicalSearchQueryString(new URLSearchParams('tag=rock&q=salle'))).toBe('?q=salle&tag=rock');
  });

  it('reads a cursor it wrote and refuses anything else', () => {
    expect(decodeSearchCursor(encodeSearchCursor({ at: 607_927, id: 42 }))).toEqual({ at: 607_927, id: 42 });
    for (const bad of ['', 'x', '1.', '.1', 'zzzzzzzz.1', '1.2.3', '-1.2']) expect(decodeSearchCursor(bad)).toBeNull();
    expect(parseSearchRequest(new URLSearchParams('q=a&suite=nope')).problems).toEqual(['suite']);
  });

  it('lets the front cache keep canonical search pages and pass the rest to Astro', () => {
    const at = (path: string) => cacheDecision('GET', new URL(path, 'http://localhost'), null);
    expect(at('/recherche?q=salle+comble')).toMatchObject({ action: 'cache' });
    expect(at('/en/recherche?q=salle')).toMatchObject({ action: 'cache' });
    expect(at('/recherche?q=salle&annee=')).toEqual({ action: 'pass' });
    expect(at('/recherche?q=salle&x=1')).toEqual({ action: 'pass' });
  });
});
