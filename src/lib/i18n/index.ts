import { catalogue } from './catalogue.ts';
import type { MessageKey } from './catalogue.ts';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export type { MessageKey };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

/** The message in the locale, with `{name}` placeholders filled. */
export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template: string = catalogue[key][locale];
  // Most messages have no placeholder, and a page asks for hundreds of them.
  if (vars === undefined || !template.includes('{')) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** French lives at the root, English under /en/. */
export function localeFromPath(pathname: string): Locale {
  return pathname === '/en' || pathname.startsWith('/en/') ? 'en' : 'fr';
}

/** The same page in another locale; `path` is the French (unprefixed) path. */
export function localizedPath(locale: Locale, path: string): string {
  if (locale === 'fr') return path;
  return path === '/' ? '/en/' : `/en${path}`;
}

/** The unprefixed path of a possibly /en/-prefixed one. */
export function stripLocale(pathname: string): string {
  if (pathname === '/en' || pathname === '/en/') return '/';
  return pathname.startsWith('/en/') ? pathname.slice(3) : pathname;
}

export const TIME_ZONE = 'Europe/Paris';

// Building an Intl formatter costs about a hundred times formatting with it (it showed as a
// third of the CPU of an uncached wall page in `npm run bench`): one of each per locale.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function formatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let made = formatters.get(key) as T | undefined;
  if (!made) formatters.set(key, (made = make()));
  return made;
}

function intlLocale(locale: Locale): string {
  return locale === 'fr' ? 'fr-FR' : 'en-GB';
}

export function formatDate(locale: Locale, date: Date): string {
  return formatter(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: TIME_ZONE }),
  ).format(date);
}

export function formatDateTime(locale: Locale, date: Date): string {
  return formatter(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }),
  ).format(date);
}

export function formatNumber(locale: Locale, n: number): string {
  return formatter(`number:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

/** The locale of a `[...lang]` route parameter, or null when the prefix is not one we serve. */
export function routeLocale(param: string | undefined): Locale | null {
  if (param === undefined || param === '') return 'fr';
  return param === 'en' ? 'en' : null;
}
