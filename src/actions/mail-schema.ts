import { z } from 'astro/zod';
import { MAIL_LIMITS } from '../lib/mail/settings.ts';
import { TEAM_MAIL_MODES } from '../lib/mail/team.ts';
import { shareInput } from './share-schema.ts';
import { rowId, wholeNumber } from './fields.ts';

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
  id: rowId('moderation.error.invalid'),
});

export const mailSettingsInput = z.object({
  perAddressPerDay: wholeNumber(MAIL_LIMITS.perAddressPerDay, 'mail.admin.settings.error'),
});

/** A member's choice of team messages, on their account page. */
export const teamMailInput = z.object({
  email: z
    .string()
    .trim()
    .max(254, { error: 'error.email.invalid' })
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(z.email({ error: 'error.email.invalid' }).nullable()),
  mode: z.enum(TEAM_MAIL_MODES as ['each', 'digest', 'none'], { error: 'mail.team.prefs.emailRequired' }),
  digestHour: wholeNumber({ min: 0, max: 23 }, 'mail.team.prefs.hourInvalid'),
});
