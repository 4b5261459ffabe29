import { describe, it, expect } from 'vitest';
import {
  countLinks,
  firstMatchingWord,
  foldForMatching,
  matchesWord,
  parseWordList,
  stripTags,
} from '../../src/lib/rules/text.ts';
import { readRefusalMessage, refusalMessage, RuleRefusal } from '../../src/lib/rules/refusal.ts';
import {
  DEFAULT_DISCUSSION_SETTINGS,
  invalidSettingFields,
  readDiscussionSettings,
} from '../../src/lib/rules/settings.ts';
import { normaliseWebsite } from '../../src/lib/comments/website.ts';
import { allowedDecisions, planDecision } from '../../src/lib/moderation/decisions.ts';

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

describe('refusal messages', () => {
  it('carries the wait of a flood refusal to the page', () => {
    expect(refusalMessage(new RuleRefusal('flood', 12))).toBe('rules.flood:12');
    expect(readRefusalMessage('rules.flood:12')).toEqual({ key: 'rules.flood', retryAfterSeconds: 12 });
    expect(readRefusalMessage('rules.flood:1')?.retryAfterSeconds).toBe(1);
    expect(readRefusalMessage(refusalMessage(new RuleRefusal('duplicate')))?.key).toBe('rules.duplicate');
    expect(readRefusalMessage('error.generic')).toBeNull();
    expect(readRefusalMessage(undefined)).toBeNull();
  });
});

describe('discussion settings', () => {
  it('defaults to WordPress’s values with everything held for moderation', () => {
    expect(readDiscussionSettings(undefined)).toEqual({
      floodSeconds: 15,
      maxLinks: 2,
      moderationWords: [],
      disallowedWords: [],
      autoApproveKnownAuthors: false,
      rateBudgets: {
        share: { limit: 10, windowSeconds: 3600 },
        comment: { limit: 30, windowSeconds: 3600 },
        candle: { limit: 60, windowSeconds: 3600 },
        report: { limit: 20, windowSeconds: 3600 },
        login: { limit: 30, windowSeconds: 900 },
      },
      reportThreshold: 3,
    });
  });

  it('takes the default for each stored field that does not fit', () => {
    const read = readDiscussionSettings({
      floodSeconds: -3,
      maxLinks: 4,
      moderationWords: 'casino',
      autoApproveKnownAuthors: true,
    });
    expect(read).toEqual({ ...DEFAULT_DISCUSSION_SETTINGS, maxLinks: 4, autoApproveKnownAuthors: true });
  });

  it('names the fields outside the limits', () => {
    expect(invalidSettingFields({ ...DEFAULT_DISCUSSION_SETTINGS, floodSeconds: 1.5, maxLinks: 101 })).toEqual([
      'floodSeconds',
      'maxLinks',
    ]);
    expect(invalidSettingFields({ ...DEFAULT_DISCUSSION_SETTINGS })).toEqual([]);
  });
});

describe('a commenter’s website', () => {
  it('keeps http and https addresses, adding https:// to a bare domain', () => {
    expect(normaliseWebsite('https://exemple.fr/blog')).toBe('https://exemple.fr/blog');
    expect(normaliseWebsite(' exemple.fr ')).toBe('https://exemple.fr/');
    expect(normaliseWebsite('HTTP://Exemple.FR')).toBe('http://exemple.fr/');
  });

  it('refuses other schemes, credentials, spaces and hosts without a dot', () => {
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://exemple.fr',
      'https://a:b@exemple.fr',
      'https://intranet',
      'exemple .fr',
      '',
    ]) {
      expect(normaliseWebsite(bad), bad).toBeNull();
    }
  });
});

describe('decisions shared by souvenirs and comments', () => {
  const state = {
    status: 'approved' as const,
    previousStatus: null,
    approvedAt: new Date(0),
    approvedBy: 7,
    withdrawn: false,
  };

  it('never offers pinning for an item that cannot be pinned', () => {
    expect(allowedDecisions('approved', null)).toEqual(['reject', 'spam', 'trash']);
    expect(allowedDecisions('approved', false)).toEqual(['pin', 'reject', 'spam', 'trash']);
    expect(() => planDecision({ ...state, pinned: null }, 'pin', 1, new Date())).toThrow();
  });

  it('keeps the approval in the bin so a restore is exact', () => {
    const trashed = planDecision({ ...state, pinned: null }, 'trash', 1, new Date());
    expect(trashed).toMatchObject({
      status: 'trash',
      previousStatus: 'approved',
      approvedAt: new Date(0),
      approvedBy: 7,
    });
    const restored = planDecision({ ...state, ...trashed, withdrawn: false }, 'restore', 2, new Date());
    expect(restored).toMatchObject({
      status: 'approved',
      previousStatus: null,
      approvedAt: new Date(0),
      approvedBy: 7,
    });
  });
});
