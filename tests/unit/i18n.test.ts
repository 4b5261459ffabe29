import { describe, it, expect } from 'vitest';
import { catalogue } from '../../src/lib/i18n/catalogue.ts';
import {
  t,
  formatDate,
  formatNumber,
  localizedPath,
  stripLocale,
  routeLocale,
  localeFromPath,
} from '../../src/lib/i18n/index.ts';
import type { Locale, MessageKey } from '../../src/lib/i18n/index.ts';
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

  it('gives the form and the figures Intl gives, for the kept small counts and any other number', () => {
    const intl = { fr: 'fr-FR', en: 'en-GB' } as const;
    const numbers = [...Array.from({ length: 1500 }, (_, i) => i), 1234567, -1, -1000, 0.5, 1.5, 2.25, 999.9];
    for (const locale of ['fr', 'en'] as const) {
      const rules = new Intl.PluralRules(intl[locale]);
      const format = new Intl.NumberFormat(intl[locale]);
      // Twice: the second time from what the first kept.
      for (let round = 0; round < 2; round++)
        for (const n of numbers) {
          expect(pluralForm(locale, n), `${locale} ${n}`).toBe(rules.select(n) === 'one' ? 'one' : 'other');
          expect(formatNumber(locale, n), `${locale} ${n}`).toBe(format.format(n));
        }
    }
  });

  it('writes the day Intl writes in Paris, across changes of time, midnights and years, early dates too', () => {
    const intl = { fr: 'fr-FR', en: 'en-GB' } as const;
    const instants: number[] = [Date.UTC(1900, 5, 1, 12), Date.UTC(1911, 2, 11, 0, 5), Date.UTC(1911, 2, 10, 23, 55)];
    // Every 37 minutes over the changes of time of 2015, 2025 and 2026, and hours around midnight.
    for (const [from, to] of [
      [Date.UTC(2015, 2, 28), Date.UTC(2015, 2, 30)],
      [Date.UTC(2015, 9, 24), Date.UTC(2015, 9, 26)],
      [Date.UTC(2025, 11, 31), Date.UTC(2026, 0, 2)],
      [Date.UTC(2026, 9, 24), Date.UTC(2026, 9, 26)],
    ] as const)
      for (let ms = from; ms < to; ms += 37 * 60_000) instants.push(ms, ms + 59_999);
    for (const locale of ['fr', 'en'] as const) {
      const format = new Intl.DateTimeFormat(intl[locale], { dateStyle: 'long', timeZone: 'Europe/Paris' });
      for (let round = 0; round < 2; round++)
        for (const ms of instants) expect(formatDate(locale, new Date(ms)), `${locale} ${ms}`).toBe(format.format(ms));
    }
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
    // A path Astro gives decoded: written back as an address, never raw NUL or space bytes.
    expect(samePageIn('fr', '/en/mes-souvenirs/\u0000\u0000', '')).toBe('/mes-souvenirs/%00%00');
    expect(samePageIn('fr', '/en/souvenirs/a?b#c', '?repondre=x')).toBe('/souvenirs/a%3Fb%23c?repondre=x');
    expect(samePageIn('en', '/souvenirs/été un soir\uD800', '')).toBe(
      '/en/souvenirs/%C3%A9t%C3%A9%20un%20soir%EF%BF%BD',
    );
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

  it('fills every message of the catalogue as a replace of each {name} would, a missing name left as written', () => {
    const replaced = (template: string, vars: Record<string, string | number>) =>
      template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(vars, name) ? String(vars[name]) : whole));
    for (const [key, entry] of Object.entries(catalogue))
      for (const locale of ['fr', 'en'] as Locale[]) {
        const names = [...entry[locale].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
        // Every name but the last given ($&, a brace and a number among the values), the last missing.
        const vars = Object.fromEntries(names.slice(0, -1).map((name, i) => [name, i % 2 ? 42 : `$& {x} « ${name} »`]));
        expect(t(locale, key as MessageKey, vars), `${key} ${locale}`).toBe(replaced(entry[locale], vars));
      }
    // A name that is also an object's property is not a value given.
    expect(t('fr', 'card.by', {})).toBe('par {name}');
    expect(t('fr', 'card.by', { constructor: 'x' } as Record<string, string>)).toBe('par {name}');
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
