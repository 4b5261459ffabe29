import { describe, expect, it } from 'vitest';
import { boundT, localeView, requestLocale, useLocale } from '../../src/lib/i18n/locals.ts';
import type { LocaleLocals } from '../../src/lib/i18n/locals.ts';

describe('requestLocale', () => {
  it('reads the [...lang] parameter: none is French, en is English', () => {
    expect(requestLocale({ lang: undefined }, '/partager')).toBe('fr');
    expect(requestLocale({ lang: '' }, '/')).toBe('fr');
    expect(requestLocale({ lang: 'en', id: 'abc' }, '/en/souvenirs/abc')).toBe('en');
  });

  it('answers null for a prefix we do not serve, so the page is a 404', () => {
    expect(requestLocale({ lang: 'de' }, '/de/partager')).toBeNull();
    expect(requestLocale({ lang: 'EN' }, '/EN/')).toBeNull();
  });

  it('takes the address the visitor asked for on routes without the parameter (a 404 after a rewrite)', () => {
    expect(requestLocale({}, '/en/souvenirs/gone')).toBe('en');
    expect(requestLocale({}, '/souvenirs/gone')).toBe('fr');
    expect(requestLocale({}, '/english')).toBe('fr');
  });
});

describe('useLocale', () => {
  it('puts the locale and a t bound to it on locals', () => {
    const locals: Partial<LocaleLocals> = {};
    const { locale, t } = useLocale(locals, 'en');
    expect(locale).toBe('en');
    expect(locals.locale).toBe('en');
    expect(t('nav.wall')).toBe('The wall');
    expect(locals.t?.('card.by', { name: 'Camille' })).toBe('by Camille');
  });

  it('replaces what was there, as a server island does with its page’s locale', () => {
    const locals: Partial<LocaleLocals> = {};
    useLocale(locals, 'fr');
    useLocale(locals, 'en');
    expect(locals.t?.('nav.wall')).toBe('The wall');
  });
});

describe('boundT', () => {
  it('is one function per locale, made once, not one per request', () => {
    expect(boundT('fr')).toBe(boundT('fr'));
    expect(boundT('fr')('nav.wall')).toBe('Le mur');
  });
});

describe('localeView', () => {
  it('is the locale with its own t, one frozen object per locale', () => {
    expect(localeView('en')).toBe(localeView('en'));
    expect(localeView('en')).toEqual({ locale: 'en', t: boundT('en') });
    expect(localeView('fr').t('nav.wall')).toBe('Le mur');
    expect(Object.isFrozen(localeView('fr'))).toBe(true);
  });
});
