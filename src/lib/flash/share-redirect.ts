import { defineMiddleware } from 'astro:middleware';
import { getActionContext } from 'astro:actions';
import { localizedPath } from '../i18n/index.ts';
import { giveThanksCookie, keepThanks } from './thank-you-cookie.ts';
import { shareThanks } from './thank-you.ts';
import type { SharedSouvenir } from './thank-you.ts';

/**
 * A shared souvenir is answered by the 303 to /merci here, before Astro renders /partager: a
 * redirect needs no page, and building one (its CSP hashes, its components' setup) was a sixth
 * of a share's CPU (issue 19). The thanks themselves were stored with the souvenir when the
 * Action says so (`thanksSecret`): only the cookie is left to give. A refusal, or a flash the database would not keep, goes on to
 * the page with the Action's result, exactly as Astro itself would hand it over. Runs inside
 * `security`, so a cross-site post is refused before the Action runs.
 */
export const shareRedirect = defineMiddleware(async (context, next) => {
  if (context.isPrerendered || context.request.method !== 'POST') return next();
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (action?.calledFrom !== 'form' || action.name !== 'share') return next();
  const result = await action.handler();
  if (!result.error) {
    const shared = result.data as SharedSouvenir;
    // The thanks were stored with the souvenir (one round trip less, issue 19); else kept now.
    const kept = shared.thanksSecret
      ? (await giveThanksCookie(context, shared.thanksSecret), true)
      : await keepThanks(context, shareThanks(shared));
    if (kept) return context.redirect(localizedPath(context.locals.locale, '/merci'), 303);
  }
  setActionResult(action.name, serializeActionResult(result));
  return next();
});
