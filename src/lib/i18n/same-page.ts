import { localizedPath, stripLocale } from './index.ts';
import type { Locale } from './index.ts';

/**
 * The page being shown, in `locale`: the same path and query, so a visitor switching language
 * stays on the souvenir, the filtered wall or the queue tab they were reading. `_action` is
 * dropped: a form's answer is not a page, and following it would send the form again.
 */
export function samePageIn(locale: Locale, pathname: string, search: string): string {
  const query = new URLSearchParams(search);
  query.delete('_action');
  return localizedPath(locale, stripLocale(pathname)) + (query.size ? `?${query}` : '');
}
