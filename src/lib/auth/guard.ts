import { ActionError } from 'astro:actions';
import { localeFromPath, localizedPath } from '../i18n/index.ts';
import type { Role, SessionUser } from './session-user.ts';

export type { Role, SessionUser };

/** What a guard needs from `Astro`: the middleware has already put the user on `locals`. */
interface PageContext {
  locals: App.Locals;
  url: URL;
  redirect(path: string, status?: 301 | 302 | 303 | 307 | 308): Response;
  rewrite(path: string): Promise<Response>;
}

interface ActionContext {
  locals: App.Locals;
}

/** The login page in the request's locale, with the page to come back to. */
export function loginPath(url: URL): string {
  const locale = localeFromPath(url.pathname);
  const query = new URLSearchParams(url.search);
  query.delete('_action');
  const back = url.pathname + (query.size ? `?${query}` : '');
  return `${localizedPath(locale, '/connexion')}?retour=${encodeURIComponent(back)}`;
}

/**
 * For moderation pages: the signed-in moderator or admin, or a 303 to the login page.
 * Use: `const user = await requireModeratorPage(Astro); if (user instanceof Response) return user;`
 */
export async function requireModeratorPage(Astro: PageContext): Promise<SessionUser | Response> {
  const user = Astro.locals.user;
  if (!user) return Astro.redirect(loginPath(Astro.url), 303);
  return user;
}

/** For admin pages: the signed-in admin, a 303 to the login page for a visitor, a 403 page for a moderator. */
export async function requireAdminPage(Astro: PageContext): Promise<SessionUser | Response> {
  const user = Astro.locals.user;
  if (!user) return Astro.redirect(loginPath(Astro.url), 303);
  if (user.role !== 'admin') {
    return Astro.rewrite(localizedPath(localeFromPath(Astro.url.pathname), '/moderation/interdit'));
  }
  return user;
}

/**
 * For Actions (public endpoints, so each handler calls this): the signed-in user, or an
 * ActionError UNAUTHORIZED (401) for no valid session, FORBIDDEN (403) for a missing role.
 */
export function requireActionUser(context: ActionContext, role?: 'admin'): SessionUser {
  const user = context.locals.user;
  if (!user) throw new ActionError({ code: 'UNAUTHORIZED', message: 'auth.error.signedOut' });
  if (role === 'admin' && user.role !== 'admin') {
    throw new ActionError({ code: 'FORBIDDEN', message: 'auth.error.forbidden' });
  }
  return user;
}
