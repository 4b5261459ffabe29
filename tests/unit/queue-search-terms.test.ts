import { describe, it, expect } from 'vitest';
import { MOST_SEARCH_TERMS, isFiltering, searchTerms } from '../../src/lib/contributions/queue-filter.ts';

describe("a moderator's search terms", () => {
  it('reads words, "phrases" and -exclusions as a search box does', () => {
    expect(searchTerms('lea  dubois')).toEqual({ include: ['lea', 'dubois'], exclude: [] });
    expect(searchTerms('"la fosse" concert')).toEqual({ include: ['la fosse', 'concert'], exclude: [] });
    expect(searchTerms('concert -rock -"le balcon"')).toEqual({ include: ['concert'], exclude: ['rock', 'le balcon'] });
    // French and typographic quotes are quotes; a minus inside a word is part of it.
    expect(searchTerms('« la fosse » “le balcon” saint-germain')).toEqual({
      include: ['la fosse', 'le balcon', 'saint-germain'],
      exclude: [],
    });
    // An unclosed quote runs to the end.
    expect(searchTerms('"un soir de')).toEqual({ include: ['un soir de'], exclude: [] });
    // `%`, `_` and `\` are letters here (queue-filter.ts escapes them for LIKE).
    expect(searchTerms('100% m_B a\\b')).toEqual({ include: ['100%', 'm_B', 'a\\b'], exclude: [] });
  });

  it('asks nothing of blanks, a lone minus or empty quotes, and at most MOST_SEARCH_TERMS terms, exclusions first', () => {
    for (const text of ['', '   ', '-', ' - ', '""', '-""', '" "', null, undefined])
      expect(searchTerms(text), String(text)).toEqual({ include: [], exclude: [] });
    const many = Array.from({ length: 20 }, (_, i) => `mot${i}`).join(' ');
    expect(searchTerms(many).include).toHaveLength(MOST_SEARCH_TERMS);
    // Past the limit an exclusion is never the one dropped.
    const terms = searchTerms(`${many} -spam -"la fosse"`);
    expect(terms.exclude).toEqual(['spam', 'la fosse']);
    expect(terms.include).toHaveLength(MOST_SEARCH_TERMS - 2);
  });

  it('filters only when the search asks something or flagged items are asked for', () => {
    expect(isFiltering(undefined)).toBe(false);
    expect(isFiltering({ text: ' "" - ' })).toBe(false);
    expect(isFiltering({ text: '-rock' })).toBe(true);
    expect(isFiltering({ text: '', flagged: true })).toBe(true);
  });
});
