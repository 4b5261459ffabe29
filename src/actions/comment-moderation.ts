import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { editComment as editCommentText } from '../lib/comments/edit-comment.ts';
import { MAX_COMMENT_LENGTH } from '../lib/comments/create-comment.ts';
import { DecisionError } from '../lib/moderation/decisions.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';
import { editSouvenirInput } from './moderation-schema.ts';
import { readable } from './share-schema.ts';

export const editCommentInput = editSouvenirInput.pick({ id: true, expectedUpdatedAt: true, reason: true }).extend({
  body: z
    .string({ error: 'error.comment.required' })
    .max(MAX_COMMENT_LENGTH, { error: 'error.comment.tooLong' })
    .refine((v) => v.trim().length > 0, { error: 'error.comment.required' })
    .refine(readable, { error: 'error.text.controlChars' }),
});

/** A moderator's correction of a comment's text (re-sanitised, logged with before and after). */
export const editComment = defineAction({
  accept: 'form',
  input: editCommentInput,
  handler: async (input, context) => {
    const user = requireActionUser(context);
    try {
      const result = await editCommentText(await getDb(), {
        id: input.id,
        actor: { id: user.id, label: user.username },
        body: input.body,
        expectedUpdatedAt: input.expectedUpdatedAt === undefined ? null : new Date(input.expectedUpdatedAt),
        reason: input.reason,
      });
      return { id: input.id, changed: result.changed };
    } catch (error) {
      if (error instanceof SanitizeError) throw new ActionError({ code: 'BAD_REQUEST', message: 'error.body.unsafe' });
      if (error instanceof DecisionError) {
        if (error.code === 'conflict') throw new ActionError({ code: 'CONFLICT', message: 'moderation.comment.edit.conflict' });
        if (error.code === 'not_allowed') throw new ActionError({ code: 'BAD_REQUEST', message: 'moderation.comment.edit.withdrawn' });
        throw new ActionError({ code: 'NOT_FOUND', message: 'moderation.comment.error.notFound' });
      }
      console.error('[moderation] comment edit failed:', error);
      throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'error.generic' });
    }
  },
});
