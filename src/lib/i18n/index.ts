import { catalogue } from './catalogue.ts';
import type { MessageKey } from './catalogue.ts';

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];
export type { MessageKey };

export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(catalogue, key);
}

const PLACEHOLDER = /\{(\w+)\}/g;

/**
 * A template cut at its placeholders, once: text, name, text, name, …, text. A deep wall page
 * fills about eighty ("Par {name}", "Allumer une bougie pour {title}"…), and a regular
 * expression's replace with a callback for each was a tenth of its cards' CPU (issue 19).
 */
const cutTemplates = new Map<string, readonly string[]>();

function cutTemplate(template: string): readonly string[] {
  let parts = cutTemplates.get(template);
  if (!parts) cutTemplates.set(template, (parts = template.split(PLACEHOLDER)));
  return parts;
}

/** The message in the locale, with `{name}` placeholders filled (an unknown name is left as it is). */
export function t(locale: Locale, key: MessageKey, vars?: Record<string, string | number>): string {
  const template: string = catalogue[key][locale];
  // Most messages have no placeholder, and a page asks for hundreds of them.
  if (vars === undefined || !template.includes('{')) return template;
  const parts = cutTemplate(template);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    out += (Object.hasOwn(vars, name) ? String(vars[name]) : `{${name}}`) + parts[i + 1]!;
  }
  return out;
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

/**
 * Paris's offset from UTC has been a whole number of hours since 1911 and changes on the hour, so
 * every instant of one UTC hour falls on the same day there: the day's words are kept per hour
 * (a deep wall page writes twenty dates, mostly of a few hours; tests/unit/i18n.test.ts holds them
 * equal to Intl across changes of time).
 */
const WHOLE_HOUR_OFFSETS_SINCE = Date.UTC(1912, 0, 1);
const MS_PER_HOUR = 3_600_000;
/** A bound, not a cache size to tune: a page's dates are a few hours out of the years a wall spans. */
const MOST_KEPT_DAYS = 4_096;
const daysByHour: Record<Locale, Map<number, string>> = { fr: new Map(), en: new Map() };

/** The day in Paris, in words, as Intl writes it. */
function intlDate(locale: Locale, date: Date): string {
  return formatter(
    `date:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'long', timeZone: TIME_ZONE }),
  ).format(date);
}

export function formatDate(locale: Locale, date: Date): string {
  const ms = date.getTime();
  if (!(ms >= WHOLE_HOUR_OFFSETS_SINCE)) return intlDate(locale, date);
  const hour = Math.floor(ms / MS_PER_HOUR);
  const kept = daysByHour[locale];
  let day = kept.get(hour);
  if (day === undefined) {
    if (kept.size >= MOST_KEPT_DAYS) kept.clear();
    kept.set(hour, (day = intlDate(locale, date)));
  }
  return day;
}

export function formatDateTime(locale: Locale, date: Date): string {
  return formatter(
    `datetime:${locale}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE }),
  ).format(date);
}

export function formatNumber(locale: Locale, n: number): string {
  // Below a thousand neither locale groups digits: Intl would write String(n), at forty times the
  // cost (a deep wall page formats two counts a card; tests/unit/i18n.test.ts holds them equal).
  if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
  return formatter(`number:${locale}`, () => new Intl.NumberFormat(intlLocale(locale))).format(n);
}

/** The locale of a `[...lang]` route parameter, or null when the prefix is not one we serve. */
export function routeLocale(param: string | undefined): Locale | null {
  if (param === undefined || param === '') return 'fr';
  return param === 'en' ? 'en' : null;
}
