import { formAction } from './form-action.ts';
import { getDb } from '../lib/runtime.ts';
import { createFirstAdmin } from '../lib/auth/first-admin.ts';
import { startSession } from '../lib/auth/session.ts';
import { cookieOptions, writeCookie } from '../lib/auth/request-session.ts';
import { savePublisher } from '../lib/association/publisher.ts';
import { markContactMessage, storeContactMessage } from '../lib/association/contact.ts';
import { answeredHandler, teamHandler } from './admin-handler.ts';
import { visitorHandler } from './visitor-handler.ts';
import { contactInput, markContactInput, publisherInput, setupInput } from './association-schema.ts';
import { settingHandler } from './setting-handler.ts';

/** The first admin, through the one-time address `npm start` printed; signed in at once. */
export const setupAdmin = formAction(
  setupInput,
  answeredHandler('setup', async (input, context) => {
    const db = await getDb();
    const admin = await createFirstAdmin(db, input);
    writeCookie(context, await startSession(db, admin.id, await cookieOptions(context.url)));
    context.locals.user = { id: admin.id, username: admin.username, displayName: admin.displayName, role: 'admin' };
    return { created: true };
  }),
);

/** An admin fills in or changes who publishes the wall (legal notice, privacy page, footer). */
export const savePublisherDetails = formAction(publisherInput, settingHandler('publisher', savePublisher));

/**
 * A visitor writes to the team: the same budget per address as sharing (the settings' `share`
 * limit), a filled honeypot kept apart rather than refused, so a robot learns nothing. The
 * message is listed in moderation and emailed to the publisher's contact address (the outbox).
 */
export const contact = formAction(
  contactInput,
  visitorHandler('share', async (input, { db, ipHash, locals }) => {
    await storeContactMessage(
      db,
      {
        name: input.name,
        email: input.email,
        body: input.message,
        locale: locals.locale,
        ipHash,
        isSpam: Boolean(input.website),
      },
      // The team reads it in moderation, in French: the association's language.
      { listUrl: new URL('/moderation/messages', locals.origin).href },
    );
    return { sent: true };
  }),
);

/** A moderator marks a contact message read, or unread again. */
export const markContact = formAction(
  markContactInput,
  teamHandler('contact', async (input, user) => {
    await markContactMessage(await getDb(), input.id, input.read, user.id);
    return { read: input.read };
  }),
);
