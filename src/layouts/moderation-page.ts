import { requireAdminPage, requireModeratorPage } from '../lib/auth/guard.ts';
import type { SessionUser } from '../lib/auth/guard.ts';

type PageAstro = Parameters<typeof requireModeratorPage>[0] & { response: { headers: Headers } };

/**
 * The opening every moderation page shares: the signed-in moderator (or admin, for admin pages),
 * else the answer to give instead (the login page, or the 403 page for a moderator). What a
 * moderation page shows is for its reader alone, so it is never stored by a browser or a proxy.
 * Use: `const user = await openModerationPage(Astro, 'admin'); if (user instanceof Response) return user;`
 */
export async function openModerationPage(
  Astro: PageAstro,
  role: 'moderator' | 'admin',
): Promise<SessionUser | Response> {
  const user = role === 'admin' ? await requireAdminPage(Astro) : await requireModeratorPage(Astro);
  if (!(user instanceof Response)) Astro.response.headers.set('Cache-Control', 'private, no-store');
  return user;
}
