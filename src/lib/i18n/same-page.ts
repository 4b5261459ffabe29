import { localizedPath, stripLocale } from './index.ts';
import type { Locale } from './index.ts';

/**
 * The French (unprefixed) path of a page, as our links write it: Astro's originPathname may end
 * in a slash they never carry.
 */
export function pagePath(pathname: string): string {
  return stripLocale(pathname).replace(/(.)\/+$/, '$1');
}

/**
 * The page being shown, in `locale`: the same path and query, so a visitor switching language
 * stays on the souvenir, the filtered wall or the queue tab they were reading. `_action` is
 * dropped: a form's answer is not a page, and following it would send the form again.
 */
export function samePageIn(locale: Locale, pathname: string, search: string): string {
  const query = new URLSearchParams(search);
  query.delete('_action');
  return addressPath(localizedPath(locale, pagePath(pathname))) + (query.size ? `?${query}` : '');
}

/**
 * Spaces, controls, anything past ASCII, and `?` and `#` (which would start a query or a fragment),
 * as a path may arrive decoded (`%00` as a NUL byte, `%3F` as `?`).
 */
const NOT_IN_ADDRESS = /[^\x21-\x7E]|[?#]/gu;

/** `path` with what an address may not hold written in percent-escapes (a lone surrogate as U+FFFD's). */
function addressPath(path: string): string {
  return path.replace(NOT_IN_ADDRESS, (character) =>
    encodeURIComponent(character.isWellFormed() ? character : '\uFFFD'),
  );
}
