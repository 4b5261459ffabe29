import { z } from 'astro/zod';
import { MAIL_LIMITS } from '../lib/mail/settings.ts';
import { shareInput } from './share-schema.ts';

/** A confirmation token or an unsubscribe key: what newToken() issues. */
const key = z.string({ error: 'mail.unsubscribe.notFound' }).regex(/^[A-Za-z0-9_-]{32}$/, {
  error: 'mail.unsubscribe.notFound',
});

export const confirmInput = z.object({ token: key });

export const unsubscribeInput = z.object({
  key,
  /** The page's second button: every subscription of the address. */
  all: z.boolean().optional(),
});

export const lostLinksInput = z.object({ email: shareInput.shape.email });

export const resendInput = z.object({
  id: z
    .number({ error: 'moderation.error.invalid' })
    .int({ error: 'moderation.error.invalid' })
    .min(1, { error: 'moderation.error.invalid' })
    .max(2_147_483_647, { error: 'moderation.error.invalid' }),
});

export const mailSettingsInput = z.object({
  perAddressPerDay: z.preprocess(
    (v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v)),
    z
      .number({ error: 'mail.admin.settings.error' })
      .int({ error: 'mail.admin.settings.error' })
      .min(MAIL_LIMITS.perAddressPerDay.min, { error: 'mail.admin.settings.error' })
      .max(MAIL_LIMITS.perAddressPerDay.max, { error: 'mail.admin.settings.error' }),
  ),
});
