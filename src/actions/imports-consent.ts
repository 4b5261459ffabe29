import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { askForConsent } from '../lib/imports/request.ts';
import { giveConsent, IMPORT_SCOPES, withdrawConsent } from '../lib/imports/consent.ts';
import { addressPolicyOf } from '../lib/imports/sources-form.ts';
import { actorOf } from './admin-handler.ts';
import { toActionError } from './errors.ts';
import { formRowId } from './fields.ts';

const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: 'consent.notFound' });

/** A moderator asks a gathered post's author for consent: a reply from the association's account. */
export const askConsent = defineAction({
  accept: 'form',
  input: z.object({
    id: formRowId('imports.error.notFound'),
  }),
  handler: async (input, context) => {
    const user = requireActionUser(context);
    try {
      const origin = context.locals.origin ?? context.url.origin;
      await askForConsent(await getDb(), input.id, actorOf(user), { ...addressPolicyOf(), origin });
      return { asked: input.id };
    } catch (error) {
      throw toActionError(error, 'imports-ask');
    }
  },
});

/** The author says yes on the consent page, for the uses they ticked (the wall at least). */
export const giveImportConsent = defineAction({
  accept: 'form',
  input: z.object({
    token,
    scopes: z.array(z.enum(IMPORT_SCOPES)).default([]),
  }),
  handler: async (input) => {
    try {
      await giveConsent(await getDb(), input.token, input.scopes);
      return { consented: true };
    } catch (error) {
      throw toActionError(error, 'imports-consent');
    }
  },
});

/** The author takes their consent back: the souvenir leaves every page at once. */
export const withdrawImportConsent = defineAction({
  accept: 'form',
  input: z.object({ token, reason: z.string().max(500, { error: 'consent.reasonTooLong' }).optional() }),
  handler: async (input) => {
    try {
      await withdrawConsent(await getDb(), input.token, input.reason ?? null);
      return { withdrawn: true };
    } catch (error) {
      throw toActionError(error, 'imports-withdraw');
    }
  },
});
