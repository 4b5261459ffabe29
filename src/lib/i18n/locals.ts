import { localeFromPath, routeLocale, t } from './index.ts';
import type { Locale, MessageKey } from './index.ts';

/** `t` with the request's locale already chosen: `Astro.locals.t('wall.title')`. */
export type BoundT = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** What the middleware puts on `locals` for every component of the request to read. */
export interface LocaleLocals {
  locale: Locale;
  t: BoundT;
}

// Two locales, two functions, made once: a request binds nothing.
const bound: Record<Locale, BoundT> = {
  fr: (key, vars) => t('fr', key, vars),
  en: (key, vars) => t('en', key, vars),
};

export function boundT(locale: Locale): BoundT {
  return bound[locale];
}

const views: Record<Locale, Readonly<LocaleLocals>> = {
  fr: Object.freeze({ locale: 'fr', t: bound.fr }),
  en: Object.freeze({ locale: 'en', t: bound.en }),
};

/** What a template outside a request reads (a shell's filler, a test): the locale and its `t`, made once. */
export function localeView(locale: Locale): Readonly<LocaleLocals> {
  return views[locale];
}

/**
 * Sets the locale every component of this request reads. The middleware calls it once; a server
 * island calls it again with the page's locale (its own URL is /_server-islands/…), and so do the
 * error pages, which Astro may render without running the middleware.
 */
export function useLocale(locals: Partial<LocaleLocals>, locale: Locale): LocaleLocals {
  locals.locale = locale;
  locals.t = bound[locale];
  return locals as LocaleLocals;
}

/**
 * The locale of a request: from the `[...lang]` parameter when the route has one (null when that
 * prefix is not one we serve, so the page is a 404), else from the address the visitor asked for —
 * after a rewrite to /404 that is `originPathname`, not the URL being rendered.
 */
export function requestLocale(params: Record<string, string | undefined>, originPathname: string): Locale | null {
  return Object.hasOwn(params, 'lang') ? routeLocale(params.lang) : localeFromPath(originPathname);
}
