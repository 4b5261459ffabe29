import { describe, it, expect } from 'vitest';
import { catalogue } from '../../src/lib/i18n/catalogue.ts';
import { t, localizedPath, stripLocale, routeLocale, localeFromPath } from '../../src/lib/i18n/index.ts';

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
