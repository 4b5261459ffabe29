import { defineAction } from 'astro:actions';
import { getRuntime } from '../lib/runtime.ts';
import { createSouvenir } from '../lib/souvenirs/create-souvenir.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit } from '../lib/security/enforce-limit.ts';
import { getDiscussionSettings } from '../lib/rules/settings.ts';
import { evaluateSubmission } from '../lib/rules/evaluate.ts';
import { toActionError } from './errors.ts';
import { shareInput } from './share-schema.ts';

export const share = defineAction({
  accept: 'form',
  input: shareInput,
  handler: async (input, context) => {
    const runtime = await getRuntime();
    const { locale } = context.locals;
    const isRobot = Boolean(input.website);
    const ipHash = visitorIpHash(runtime, context);
    try {
      const settings = await getDiscussionSettings(runtime.handle.db);
      await enforceRateLimit(runtime.handle.db, 'share', ipHash, { settings, lifted: runtime.limitsLifted });
      const verdict = await evaluateSubmission(
        runtime.handle.db,
        {
          kind: 'souvenir',
          name: input.name,
          email: input.email,
          website: null,
          body: input.body,
          otherFields: [input.title, input.event],
          ipHash,
        },
        { settings, checkFlood: !runtime.limitsLifted },
      );
      const created = await createSouvenir(
        runtime.handle.db,
        {
          authorName: input.name,
          authorEmail: input.email,
          title: input.title,
          body: input.body,
          memoryYear: input.year,
          event: input.event,
          locale,
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
    } catch (error) {
      throw toActionError(error, 'share');
    }
  },
});
