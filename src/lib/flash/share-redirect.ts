import { defineMiddleware } from 'astro:middleware';
import { getActionContext } from 'astro:actions';
import { localizedPath } from '../i18n/index.ts';
import { keepThanks } from './thank-you-cookie.ts';
import { shareThanks } from './thank-you.ts';
import type { SharedSouvenir } from './thank-you.ts';

/**
 * A shared souvenir is answered by the 303 to /merci here, before Astro renders /partager: a
 * redirect needs no page, and building one (its CSP hashes, its components' setup) was a sixth
 * of a share's CPU (issue 19). A refusal, or a flash the database would not keep, goes on to
 * the page with the Action's result, exactly as Astro itself would hand it over. Runs inside
 * `security`, so a cross-site post is refused before the Action runs.
 */
export const shareRedirect = defineMiddleware(async (context, next) => {
  if (context.isPrerendered || context.request.method !== 'POST') return next();
  const { action, setActionResult, serializeActionResult } = getActionContext(context);
  if (action?.calledFrom !== 'form' || action.name !== 'share') return next();
  const result = await action.handler();
  if (!result.error && (await keepThanks(context, shareThanks(result.data as SharedSouvenir)))) {
    return context.redirect(localizedPath(context.locals.locale, '/merci'), 303);
  }
  setActionResult(action.name, serializeActionResult(result));
  return next();
});
