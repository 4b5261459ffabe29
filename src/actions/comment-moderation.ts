import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { requireActionUser } from '../lib/auth/guard.ts';
import { MAX_COMMENT_LENGTH } from '../lib/comments/create-comment.ts';
import { editSouvenirInput } from './moderation-schema.ts';
import { readable } from './share-schema.ts';
import { editAsModerator } from './moderator-edit.ts';

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
  handler: (input, context) => editAsModerator('comment', requireActionUser(context), input, {}),
});
