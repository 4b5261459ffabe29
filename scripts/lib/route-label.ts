/**
 * The route a request is counted and logged under: a short, bounded label that never carries what
 * a path may hold (a private link's token, a search, an id). Existing pages are their first path
 * segment (`/souvenirs/*`), moderation pages their first two; a 404 is `not-found`, so that anyone
 * requesting random paths cannot grow the metrics without bound.
 */
export function routeLabel(url: string | undefined, status: number): string {
  if (status === 404) return 'not-found';
  let path = (url ?? '/').split('?', 1)[0]!;
  if (path === '/en' || path.startsWith('/en/')) path = path.slice(3) || '/';
  const segments = path.split('/').filter(Boolean);
  if (segments.length === 0) return '/';
  const [first, second] = segments as [string, string | undefined];
  if (!/^[_a-z][a-z0-9._-]{0,40}$/.test(first)) return 'other';
  // Moderation pages, Actions (`auth.login`) and islands (`ModeratorBarIsland`) by name: each is
  // a page or a module that exists (an unknown one answers 404).
  const name = first === 'moderation' ? /^[a-z][a-z-]{0,40}$/ : /^[A-Za-z][\w.-]{0,60}$/;
  if (['moderation', '_actions', '_server-islands'].includes(first) && second !== undefined && name.test(second)) {
    return `/${first}/${second}${segments.length > 2 ? '/*' : ''}`;
  }
  return segments.length > 1 ? `/${first}/*` : `/${first}`;
}
