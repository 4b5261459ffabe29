import { formAction } from './form-action.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { editSouvenirInput } from './moderation-schema.ts';
import { commentInput } from './comment-schema.ts';
import { editAsModerator } from './moderator-edit.ts';

export const editCommentInput = editSouvenirInput
  .pick({ id: true, name: true, expectedUpdatedAt: true, reason: true })
  .extend({
    body: commentInput.shape.body,
  });

/** A moderator's correction of a comment's text (re-sanitised, logged with before and after). */
export const editComment = formAction(editCommentInput, (input, context) =>
  editAsModerator('comment', requireActionUser(context), input, {}),
);
