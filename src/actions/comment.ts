import { ActionError, defineAction } from 'astro:actions';
import { getRuntime } from '../lib/runtime.ts';
import { createComment, resolveCommentTarget, CommentError } from '../lib/comments/create-comment.ts';
import { evaluateSubmission } from '../lib/rules/evaluate.ts';
import { RuleRefusal } from '../lib/rules/refusal.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit, RateLimited } from '../lib/security/enforce-limit.ts';
import { getDiscussionSettings } from '../lib/rules/settings.ts';
import { refusalToActionError } from './rule-refusal.ts';
import { commentInput } from './comment-schema.ts';

function commentRefusal(error: CommentError): ActionError {
  switch (error.code) {
    case 'souvenir_closed':
      return new ActionError({ code: 'NOT_FOUND', message: 'comment.error.closed' });
    case 'parent_invalid':
      return new ActionError({ code: 'CONFLICT', message: 'comment.error.parent' });
    case 'website_invalid':
      return new ActionError({ code: 'BAD_REQUEST', message: 'error.website.invalid' });
  }
}

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
      if (error instanceof RuleRefusal || error instanceof RateLimited) throw refusalToActionError(error);
      if (error instanceof CommentError) throw commentRefusal(error);
      if (error instanceof SanitizeError) {
        console.warn(`[comment] body refused by the sanitiser: ${error.code}`);
        throw new ActionError({ code: 'BAD_REQUEST', message: 'error.body.unsafe' });
      }
      console.error('[comment] could not store a comment:', error);
      throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'error.generic' });
    }
  },
});
