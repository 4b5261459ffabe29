import { z } from 'astro/zod';
import { CONTRIBUTION_KINDS } from '../lib/contributions/kinds.ts';

/** An admin's new private link for one queue item. */
export const regenerateLinkInput = z.object({
  targetType: z.enum(CONTRIBUTION_KINDS, { error: 'moderation.error.invalid' }),
  id: z
    .number({ error: 'moderation.error.invalid' })
    .int({ error: 'moderation.error.invalid' })
    .min(1, { error: 'moderation.error.invalid' })
    .max(2_147_483_647, { error: 'moderation.error.invalid' }),
});

/** The address whose data an admin looks up, exports or erases (exact, any case). */
export const emailInput = z.object({
  email: z
    .string({ error: 'data.error.email' })
    .trim()
    .min(1, { error: 'data.error.email' })
    .max(254, { error: 'data.error.email' })
    .pipe(z.email({ error: 'data.error.email' })),
});

export const eraseInput = emailInput.extend({
  confirm: z.boolean().refine((v) => v, { error: 'data.error.confirm' }),
});
