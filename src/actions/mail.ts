import { formAction } from './form-action.ts';
import { getDb, getRuntime } from '../lib/runtime.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { confirmSubscription, unsubscribe, unsubscribeEverywhere } from '../lib/mail/subscriptions.ts';
import { sendLostLinks } from '../lib/mail/lost-links.ts';
import { resendMail } from '../lib/mail/outbox-admin.ts';
import { saveMailSettings } from '../lib/mail/settings.ts';
import { saveTeamMailPreferences } from '../lib/mail/team.ts';
import { adminHandler, answeredHandler, teamHandler } from './admin-handler.ts';
import { settingHandler } from './setting-handler.ts';
import {
  confirmInput,
  lostLinksInput,
  mailSettingsInput,
  resendInput,
  teamMailInput,
  unsubscribeInput,
} from './mail-schema.ts';

/** The link of the *received* message, confirmed by a button (a GET never confirms: mail scanners follow links). */
export const confirm = formAction(confirmInput, async (input) => ({
  confirmed: await confirmSubscription(await getDb(), input.token),
}));

/** The unsubscribe page's buttons: this text, or everything sent to the address about replies. */
export const unsubscribeAction = formAction(unsubscribeInput, async (input) => {
  const db = await getDb();
  const ended = input.all ? (await unsubscribeEverywhere(db, input.key)) > 0 : await unsubscribe(db, input.key);
  return { ended, all: input.all ?? false };
});

/** "Retrouver mes liens": the same answer whether or not the address is known. */
export const lostLinks = formAction(
  lostLinksInput,
  answeredHandler('lostLinks', async (input, context) => {
    const runtime = await getRuntime();
    await sendLostLinks(runtime.handle.db, {
      address: input.email,
      locale: context.locals.locale,
      origin: context.locals.origin ?? new URL(context.request.url).origin,
      ipHash: visitorIpHash(runtime, context),
      limitsLifted: runtime.limitsLifted,
    });
    return { requested: true };
  }),
);

/** An admin sends a failed or held message again. */
export const resend = formAction(
  resendInput,
  adminHandler('mail.resend', async (input) => {
    await resendMail(await getDb(), input.id);
    return { resent: input.id };
  }),
);

/** An admin sets the per-address daily limit. */
export const saveSettings = formAction(mailSettingsInput, settingHandler('mail.settings', saveMailSettings));

/** A member of the team chooses their messages: every new item, a daily digest, or nothing. */
export const teamPreferences = formAction(
  teamMailInput,
  teamHandler('mail.teamPreferences', async (input, user) => {
    await saveTeamMailPreferences(await getDb(), user.id, input);
    return { saved: true };
  }),
);
