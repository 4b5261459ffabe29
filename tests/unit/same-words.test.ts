import { describe, expect, it } from 'vitest';
import { sameWords } from '../../src/lib/contributions/same-words.ts';

describe('sameWords', () => {
  it('compares two texts line ends aside, and nothing else aside', () => {
    expect(sameWords('Un soir.\n\nLa salle.', 'Un soir.\r\n\r\nLa salle.')).toBe(true);
    expect(sameWords('Un soir.', 'Un soir. ')).toBe(false);
    expect(sameWords('Un soir.\nLa salle.', 'Un soir. La salle.')).toBe(false);
    // A lone CR ends a line too (the sanitiser reads it so): not the same words as none.
    expect(sameWords('Un soir.\rLa salle.', 'Un soir.La salle.')).toBe(false);
    expect(sameWords('Un soir.\rLa salle.', 'Un soir.\nLa salle.')).toBe(true);
  });
});
