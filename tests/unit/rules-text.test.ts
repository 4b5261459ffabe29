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
  it('counts typed links and bare URLs alike, since bare URLs become links', () => {
    expect(countLinks('Rien à voir ici.')).toBe(0);
    expect(countLinks('Voir https://exemple.fr pour les photos.')).toBe(1);
    expect(countLinks('Voir www.exemple.fr et <a href="https://autre.fr">là</a>.')).toBe(2);
    expect(countLinks('<a href="https://a.fr">https://a.fr</a>')).toBe(1);
    expect(countLinks('http://a.fr http://b.fr http://c.fr')).toBe(3);
  });

  it('does not count an anchor without href, nor a URL in another tag’s attribute', () => {
    expect(countLinks('<a name="x">ancre</a>')).toBe(0);
    expect(countLinks('<abbr title="https://a.fr">A</abbr>')).toBe(0);
    expect(countLinks('xhttp://a.fr awww.b.fr')).toBe(0);
  });
});

describe('matching words as WordPress does, without case or accents', () => {
  it('folds case and accents alike', () => {
    expect(foldForMatching('ÉTÉ')).toBe('ete');
    expect(matchesWord('un bel ete', 'Éte')).toBe(true);
    expect(matchesWord('UN BEL ÉTÉ', 'Éte')).toBe(true);
    expect(matchesWord('un bel été', 'ETE')).toBe(true);
    expect(matchesWord('ＳＰＡＭ pleine largeur', 'spam')).toBe(true);
  });

  it('matches inside words', () => {
    expect(matchesWord('WordPress', 'press')).toBe(true);
    expect(matchesWord('casino-en-ligne.example', 'casino')).toBe(true);
    expect(matchesWord('paisible', 'pais')).toBe(true);
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
