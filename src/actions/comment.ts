import { defineAction } from 'astro:actions';
import { getRuntime } from '../lib/runtime.ts';
import { createComment, resolveCommentTarget } from '../lib/comments/create-comment.ts';
import { evaluateSubmission } from '../lib/rules/evaluate.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit } from '../lib/security/enforce-limit.ts';
import { getDiscussionSettings } from '../lib/rules/settings.ts';
import { toActionError } from './errors.ts';
import { commentInput } from './comment-schema.ts';

/** A visitor's comment (or reply) under an approved souvenir, through the discussion rules. */
export const comment = defineAction({
  accept: 'form',
  input: commentInput,
  handler: async (input, context) => {
    const runtime = await getRuntime();
    const db = runtime.handle.db;
    const ipHash = visitorIpHash(runtime, context);
    const isRobot = Boolean(input.subject);
    try {
      const settings = await getDiscussionSettings(db);
      await enforceRateLimit(db, 'comment', ipHash, { settings, lifted: runtime.limitsLifted });
      const target = await resolveCommentTarget(db, input.souvenir, input.parent);
      const verdict = await evaluateSubmission(
        db,
        {
          kind: 'comment',
          name: input.name,
          email: input.email,
          website: input.website,
          body: input.body,
          ipHash,
          souvenirId: target.souvenirId,
          parentId: target.parentId,
        },
        { settings, checkFlood: !runtime.limitsLifted },
      );
      const created = await createComment(
        db,
        {
          ...target,
          authorName: input.name,
          authorEmail: input.email,
          authorWebsite: input.website,
          body: input.body,
          locale: context.locals.locale,
        },
        {
          ipHash,
          // Kept, not dropped, so a person caught by mistake can still be found by a moderator.
          ...(isRobot
            ? { status: 'spam' as const, flagReasons: ['honeypot', ...verdict.reasons] }
            : { status: verdict.outcome, flagReasons: verdict.reasons }),
        },
      );
      // Spam is answered like a held comment: a spammer learns nothing from the reply. The token
      // is the commenter's private link, shown once on the page that answers this post.
      return { publicId: created.publicId, published: created.status === 'approved', token: created.token };
    } catch (error) {
      throw toActionError(error, 'comment');
    }
  },
});
