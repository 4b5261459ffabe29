import { requireAdminPage, requireModeratorPage } from '../lib/auth/guard.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { localizedPath } from '../lib/i18n/index.ts';
import type { Locale } from '../lib/i18n/index.ts';
import type { BoundT } from '../lib/i18n/locals.ts';

type PageAstro = Parameters<typeof requireModeratorPage>[0] & { response: { headers: Headers } };

/** What every moderation page works with once its reader is let in. */
export interface ModerationPage {
  user: SessionUser;
  /** The page's own address in the reader's locale: where its forms post and its redirects go. */
  page: string;
  locale: Locale;
  t: BoundT;
}

/**
 * The opening every moderation page shares: the signed-in moderator (or admin, for admin pages)
 * with the page's own localized address, else the answer to give instead (the login page, or the
 * 403 page for a moderator). What a moderation page shows is for its reader alone, so it is never
 * stored by a browser or a proxy.
 * Use: `const opened = await openModerationPage(Astro, 'admin', '/moderation/x'); if (opened instanceof Response) return opened;`
 */
export async function openModerationPage(
  Astro: PageAstro,
  role: 'moderator' | 'admin',
  route: string,
): Promise<ModerationPage | Response> {
  const user = role === 'admin' ? await requireAdminPage(Astro) : await requireModeratorPage(Astro);
  if (user instanceof Response) return user;
  Astro.response.headers.set('Cache-Control', 'private, no-store');
  const { locale, t } = Astro.locals;
  return { user, page: localizedPath(locale, route), locale, t };
}
