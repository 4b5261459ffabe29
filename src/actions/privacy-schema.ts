import { z } from 'astro/zod';
import { CONTRIBUTION_KINDS } from '../lib/contributions/kinds.ts';
import { emailAddress, rowId } from './fields.ts';

/** An admin's new private link for one queue item. */
export const regenerateLinkInput = z.object({
  targetType: z.enum(CONTRIBUTION_KINDS, { error: 'moderation.error.invalid' }),
  id: rowId('moderation.error.invalid'),
});

/** The address whose data an admin looks up, exports or erases (exact, any case). */
export const emailInput = z.object({
  email: emailAddress({ required: 'data.error.email', invalid: 'data.error.email' }),
});

export const eraseInput = emailInput.extend({
  confirm: z.boolean().refine((v) => v, { error: 'data.error.confirm' }),
});
