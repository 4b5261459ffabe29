import { formAction } from './form-action.ts';
import { getRuntime } from '../lib/runtime.ts';
import { regenerateAuthorLink } from '../lib/privacy/regenerate-link.ts';
import { eraseEmailData, lookUpEmailData, normaliseEmail } from '../lib/privacy/email-data.ts';
import { summariseEmailData } from '../lib/privacy/email-summary.ts';
import { emailInput, eraseInput, regenerateLinkInput } from './privacy-schema.ts';
import { actorOf, adminHandler } from './admin-handler.ts';

/**
 * Admins only: a new private link for a souvenir or a comment whose author lost theirs. The
 * token comes back once, in this response, for the admin to pass on; the old link stops working.
 */
export const regenerateLink = formAction(
  regenerateLinkInput,
  adminHandler('privacy: new private link', async ({ targetType, id }, admin) => {
    const { handle } = await getRuntime();
    const token = await regenerateAuthorLink(handle.db, { targetType, id, actor: actorOf(admin) });
    return { targetType, id, token };
  }),
);

/** Admins only: what is stored under an address (logged by the address's keyed hash). */
export const search = formAction(
  emailInput,
  adminHandler('privacy: search by address', async ({ email }, admin) => {
    const { handle, ipHashSecret } = await getRuntime();
    const data = await lookUpEmailData(handle.db, {
      email,
      secret: ipHashSecret,
      actor: actorOf(admin),
      action: 'data.search',
    });
    return { email: normaliseEmail(email), ...summariseEmailData(data) };
  }),
);

/** Admins only: the right to erasure, for every souvenir and comment under an address. */
export const erase = formAction(
  eraseInput,
  adminHandler('privacy: erasure', async ({ email }, admin) => {
    const { handle, ipHashSecret } = await getRuntime();
    const counts = await eraseEmailData(handle.db, { email, secret: ipHashSecret, actor: actorOf(admin) });
    return { email: normaliseEmail(email), ...counts };
  }),
);
