import { describe, it, expect } from 'vitest';
import {
  countLinks,
  firstMatchingWord,
  foldForMatching,
  matchesWord,
  parseWordList,
  stripTags,
} from '../../src/lib/rules/text.ts';

describe('countLinks', () => {
  it.each([
    // Typed links and bare URLs alike, since bare URLs become links.
    ['Rien à voir ici.', 0],
    ['Voir https://exemple.fr pour les photos.', 1],
    ['Voir www.exemple.fr et <a href="https://autre.fr">là</a>.', 2],
    ['<a href="https://a.fr">https://a.fr</a>', 1],
    ['http://a.fr http://b.fr http://c.fr', 3],
    // Neither an anchor without href, nor a URL in another tag’s attribute.
    ['<a name="x">ancre</a>', 0],
    ['<abbr title="https://a.fr">A</abbr>', 0],
    ['xhttp://a.fr awww.b.fr', 0],
  ])('finds in %j %i link(s)', (text, links) => {
    expect(countLinks(text)).toBe(links);
  });
});

describe('matching words as WordPress does, without case or accents', () => {
  it('folds case and accents alike', () => {
    expect(foldForMatching('ÉTÉ')).toBe('ete');
  });

  it.each([
    // Case and accents folded alike.
    ['un bel ete', 'Éte'],
    ['UN BEL ÉTÉ', 'Éte'],
    ['un bel été', 'ETE'],
    ['ＳＰＡＭ pleine largeur', 'spam'],
    // Inside words.
    ['WordPress', 'press'],
    ['casino-en-ligne.example', 'casino'],
    ['paisible', 'pais'],
  ])('finds in %j the word %j', (text, word) => {
    expect(matchesWord(text, word)).toBe(true);
  });

  it('ignores empty words and says which word matched first', () => {
    expect(matchesWord('tout', '   ')).toBe(false);
    expect(firstMatchingWord(['', 'zut', 'Crème'], ['rien', 'une CREME brulee'])).toBe('Crème');
    expect(firstMatchingWord(['zut'], ['rien'])).toBeNull();
  });

  it('reads a word list one per line, dropping blanks and repeats', () => {
    expect(parseWordList(' casino \r\n\r\nCasino\nviagra\n  \nbon marché')).toEqual(['casino', 'viagra', 'bon marché']);
  });

  it('strips markup and decodes entities so hidden words are found', () => {
    expect(stripTags('sp<b></b>am')).toBe('spam');
    expect(stripTags('sp&#97;m &amp; sp&#x61;m')).toBe('spam & spam');
    expect(stripTags('a<script>casino</script>b')).toBe('ab');
  });
});
