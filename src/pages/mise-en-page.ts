import type { APIRoute } from 'astro';
import { getRuntime } from '../lib/runtime.ts';
import { layoutChoiceTarget, layoutCookie } from '../lib/wall/layout.ts';

/**
 * The layout toggle's links land here: the choice is remembered in a cookie and the visitor goes
 * back to the wall view they were on, in that layout. The wall pages never set or read cookies
 * themselves, so they stay one page per address, cacheable for everyone.
 */
export const GET: APIRoute = async ({ url }) => {
  const choice = url.searchParams.get('choix') === 'encadre' ? 'encadre' : 'pleine';
  const { publicOrigin } = await getRuntime();
  const secure = url.protocol === 'https:' || Boolean(publicOrigin?.startsWith('https:'));
  return new Response(null, {
    status: 303,
    headers: {
      location: layoutChoiceTarget(choice, url.searchParams.get('retour')),
      'set-cookie': layoutCookie(choice, secure),
      'cache-control': 'private, no-store',
    },
  });
};
