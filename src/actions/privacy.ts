import { defineAction } from 'astro:actions';
import { getRuntime } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { regenerateAuthorLink } from '../lib/privacy/regenerate-link.ts';
import { eraseEmailData, lookUpEmailData, normaliseEmail } from '../lib/privacy/email-data.ts';
import { summariseEmailData } from '../lib/privacy/email-summary.ts';
import { emailInput, eraseInput, regenerateLinkInput } from './privacy-schema.ts';
import { toActionError } from './errors.ts';

const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });

/**
 * Admins only: a new private link for a souvenir or a comment whose author lost theirs. The
 * token comes back once, in this response, for the admin to pass on; the old link stops working.
 */
export const regenerateLink = defineAction({
  accept: 'form',
  input: regenerateLinkInput,
  handler: async (input, context) => {
    const user = requireActionUser(context, 'admin');
    const runtime = await getRuntime();
    try {
      const token = await regenerateAuthorLink(runtime.handle.db, { targetType: input.targetType, id: input.id, actor: actorOf(user) });
      return { targetType: input.targetType, id: input.id, token };
    } catch (error) {
      throw toActionError(error, 'privacy: new private link');
    }
  },
});

/** Admins only: what is stored under an address (logged by the address's keyed hash). */
export const search = defineAction({
  accept: 'form',
  input: emailInput,
  handler: async (input, context) => {
    const user = requireActionUser(context, 'admin');
    const runtime = await getRuntime();
    try {
      const data = await lookUpEmailData(runtime.handle.db, {
        email: input.email,
        secret: runtime.ipHashSecret,
        actor: actorOf(user),
        action: 'data.search',
      });
      return { email: normaliseEmail(input.email), ...summariseEmailData(data) };
    } catch (error) {
      throw toActionError(error, 'privacy: search by address');
    }
  },
});

/** Admins only: the right to erasure, for every souvenir and comment under an address. */
export const erase = defineAction({
  accept: 'form',
  input: eraseInput,
  handler: async (input, context) => {
    const user = requireActionUser(context, 'admin');
    const runtime = await getRuntime();
    try {
      const counts = await eraseEmailData(runtime.handle.db, { email: input.email, secret: runtime.ipHashSecret, actor: actorOf(user) });
      return { email: normaliseEmail(input.email), ...counts };
    } catch (error) {
      throw toActionError(error, 'privacy: erasure');
    }
  },
});
