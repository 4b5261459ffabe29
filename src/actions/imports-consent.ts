import { formAction } from './form-action.ts';
import type { ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { askForConsent } from '../lib/imports/request.ts';
import { declineRequest, giveConsent, IMPORT_SCOPES, withdrawConsent } from '../lib/imports/consent.ts';
import { addressPolicyOf } from '../lib/imports/sources-form.ts';
import { actorOf, answeredHandler, teamHandler } from './admin-handler.ts';
import { formRowId } from './fields.ts';

const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: 'consent.notFound' });

/** A moderator asks a gathered post's author for consent: a reply from the association's account. */
export const askConsent = formAction(
  z.object({
    id: formRowId('imports.error.notFound'),
  }),
  teamHandler('imports-ask', async (input, user, context: ActionAPIContext) => {
    const origin = context.locals.origin ?? context.url.origin;
    await askForConsent(await getDb(), input.id, actorOf(user), { ...addressPolicyOf(), origin });
    return { asked: input.id };
  }),
);

/** The author says yes on the consent page, for the uses they ticked (the wall at least). */
export const giveImportConsent = formAction(
  z.object({
    token,
    scopes: z.array(z.enum(IMPORT_SCOPES)).default([]),
  }),
  answeredHandler('imports-consent', async (input) => {
    await giveConsent(await getDb(), input.token, input.scopes);
    return { consented: true };
  }),
);

/** The author takes their consent back: the souvenir leaves every page at once. */
export const withdrawImportConsent = formAction(
  z.object({ token, reason: z.string().max(500, { error: 'consent.reasonTooLong' }).optional() }),
  answeredHandler('imports-withdraw', async (input) => {
    await withdrawConsent(await getDb(), input.token, input.reason ?? null);
    return { withdrawn: true };
  }),
);

/** The author says no thanks: nothing is published and our copy of the post is deleted at once. */
export const declineImportRequest = formAction(
  z.object({ token }),
  answeredHandler('imports-decline', async (input) => {
    await declineRequest(await getDb(), input.token);
    return { declined: true };
  }),
);
