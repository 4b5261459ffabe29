import { describe, it, expect } from 'vitest';
import { matchesSentence } from '../../src/components/moderation/messages.ts';

const said = (...args: Parameters<typeof matchesSentence>) => {
  const { before, text, after } = matchesSentence(...args);
  // The catalogue's French quotes hold narrow no-break spaces.
  return `${before}${text ?? ''}${after}`.replace(/[\u00a0\u202f]/g, ' ');
};

describe('how many items a queue search keeps, said', () => {
  it('quotes the words searched, in French and in English, with the flagged filter too', () => {
    expect(said('fr', { text: 'lea' }, 2, 3)).toBe('2 sur 3 correspondent à « lea ».');
    expect(said('en', { text: 'lea' }, 1, 3)).toBe('1 of 3 matches “lea”.');
    expect(said('fr', { text: 'lea', flagged: true }, 1, 3)).toMatch(/^1 sur 3 correspond à « lea » parmi/);
    expect(matchesSentence('fr', { text: 'lea' }, 2, 3).text).toBe('lea');
  });

  it('does not quote again a search that has its own quotes', () => {
    expect(said('fr', { text: '« la fosse » -rock' }, 1, 5)).toBe('1 sur 5 correspond à « la fosse » -rock.');
    expect(said('en', { text: '"dans la fosse"' }, 2, 5)).toBe('2 of 5 match "dans la fosse".');
    expect(said('en', { text: '“la fosse” jazz', flagged: true }, 2, 5)).toMatch(/^2 of 5 match “la fosse” jazz among/);
  });

  it('keeps its quotes around a search with a quote inside only', () => {
    expect(said('fr', { text: 'l"été' }, 1, 5)).toBe('1 sur 5 correspond à « l"été ».');
  });

  it('says only the flagged part when nothing is searched', () => {
    expect(matchesSentence('fr', { text: null, flagged: true }, 1, 4).text).toBeNull();
  });
});
