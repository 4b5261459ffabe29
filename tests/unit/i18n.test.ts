import { describe, it, expect } from 'vitest';
import { catalogue } from '../../src/lib/i18n/catalogue.ts';
import { t, localizedPath, stripLocale, routeLocale, localeFromPath } from '../../src/lib/i18n/index.ts';
import { plural, pluralForm } from '../../src/lib/i18n/plural.ts';
import { pagePath, samePageIn } from '../../src/lib/i18n/same-page.ts';
import { candleCountLabel } from '../../src/lib/wall/candle-label.ts';

describe('the catalogue', () => {
  it('has every key in French and in English, never empty', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      expect(entry.fr.trim(), `${key} fr`).not.toBe('');
      expect(entry.en.trim(), `${key} en`).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, entry] of Object.entries(catalogue)) {
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(names(entry.en), key).toEqual(names(entry.fr));
    }
  });

  it('has the other plural form of every message counted in the singular', () => {
    const keys = Object.keys(catalogue);
    for (const one of keys.filter((k) => k.endsWith('.one')))
      expect(keys, one).toContain(one.replace(/\.one$/, '.other'));
    expect(keys.filter((k) => k.endsWith('.many'))).toEqual([]);
  });
});

describe('plurals through Intl.PluralRules', () => {
  // Intl may put a no-break space in large numbers ("1 234").
  const plain = (s: string) => s.replace(/\s/g, ' ');

  it('puts 0 and 1 in the singular in French, only 1 in English', () => {
    expect([0, 1, 2].map((n) => pluralForm('fr', n))).toEqual(['one', 'one', 'other']);
    expect([0, 1, 2].map((n) => pluralForm('en', n))).toEqual(['other', 'one', 'other']);
  });

  it('fills the count, formatted for the locale', () => {
    expect(plural('fr', 'comment.count', 1)).toBe('1 commentaire');
    expect(plain(plural('fr', 'comment.count', 1234))).toBe('1 234 commentaires');
    expect(plural('en', 'comment.count', 0)).toBe('0 comments');
    expect(plural('en', 'comment.count', 1234)).toBe('1,234 comments');
    expect(plural('fr', 'candle.count', 0)).toBe('bougie allumée');
    expect(plural('en', 'wall.years.bar', 1, { year: 1987 })).toBe('1987: 1 memory');
  });

  it('labels a candle count after the number', () => {
    expect([0, 1, 2].map((n) => candleCountLabel('fr', n))).toEqual([
      'bougie allumée',
      'bougie allumée',
      'bougies allumées',
    ]);
    expect([1, 2].map((n) => candleCountLabel('en', n))).toEqual(['candle lit', 'candles lit']);
  });
});

describe('the same page in the other language', () => {
  it('keeps the path and the query, never a form’s _action', () => {
    expect(samePageIn('en', '/souvenirs/abc', '?repondre=x')).toBe('/en/souvenirs/abc?repondre=x');
    expect(samePageIn('fr', '/en/moderation', '?type=commentaires&statut=spam')).toBe(
      '/moderation?type=commentaires&statut=spam',
    );
    expect(samePageIn('en', '/partager', '?_action=share')).toBe('/en/partager');
    expect(samePageIn('en', '/connexion', '?_action=auth.login&retour=%2Fmoderation')).toBe(
      '/en/connexion?retour=%2Fmoderation',
    );
    expect(samePageIn('fr', '/en/', '?annee=1987')).toBe('/?annee=1987');
  });

  it('drops the trailing slash Astro may add to the address', () => {
    expect(pagePath('/en/confidentialite/')).toBe('/confidentialite');
    expect(pagePath('/')).toBe('/');
    expect(samePageIn('fr', '/en/moderation/journal/', '')).toBe('/moderation/journal');
  });
});

describe('t and paths', () => {
  it('fills placeholders', () => {
    expect(t('fr', 'card.by', { name: 'Camille' })).toBe('par Camille');
    expect(t('en', 'card.by', { name: 'Camille' })).toBe('by Camille');
  });

  it('keeps French at the root and English under /en/', () => {
    expect(localizedPath('fr', '/partager')).toBe('/partager');
    expect(localizedPath('en', '/partager')).toBe('/en/partager');
    expect(localizedPath('en', '/')).toBe('/en/');
    expect(stripLocale('/en/partager')).toBe('/partager');
    expect(stripLocale('/en')).toBe('/');
    expect(localeFromPath('/en/souvenirs/x')).toBe('en');
    expect(localeFromPath('/enfance')).toBe('fr');
    expect(routeLocale(undefined)).toBe('fr');
    expect(routeLocale('en')).toBe('en');
    expect(routeLocale('de')).toBeNull();
  });
});
