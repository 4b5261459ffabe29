import { defineAction } from 'astro:actions';
import { createSouvenir } from '../lib/souvenirs/create-souvenir.ts';
import { evaluateSubmission } from '../lib/rules/evaluate.ts';
import { visitorHandler } from './visitor-handler.ts';
import { shareInput } from './share-schema.ts';

export const share = defineAction({
  accept: 'form',
  input: shareInput,
  handler: visitorHandler('share', async (input, { db, ipHash, settings: readSettings, limitsLifted, locals }) => {
    const isRobot = Boolean(input.website);
    const settings = await readSettings();
    const verdict = await evaluateSubmission(
      db,
      {
        kind: 'souvenir',
        name: input.name,
        email: input.email,
        website: null,
        body: input.body,
        otherFields: [input.title, input.event],
        ipHash,
      },
      { settings, checkFlood: !limitsLifted },
    );
    const created = await createSouvenir(
      db,
      {
        authorName: input.name,
        authorEmail: input.email,
        title: input.title,
        body: input.body,
        memoryYear: input.year,
        event: input.event,
        locale: locals.locale,
      },
      {
        ipHash,
        // Kept, not dropped, so a person caught by mistake can still be found by a moderator.
        ...(isRobot
          ? { status: 'spam' as const, flagReasons: ['honeypot', ...verdict.reasons] }
          : { status: verdict.outcome, flagReasons: verdict.reasons }),
      },
    );
    return { publicId: created.publicId, token: created.token, status: created.status };
  }),
});
