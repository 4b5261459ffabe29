import { formAction } from './form-action.ts';
import { createComment, resolveCommentTarget } from '../lib/comments/create-comment.ts';
import { evaluateSubmission } from '../lib/rules/evaluate.ts';
import { visitorHandler } from './visitor-handler.ts';
import { submissionContext } from './submission-context.ts';
import { commentInput } from './comment-schema.ts';

/** A visitor's comment (or reply) under an approved souvenir, through the discussion rules. */
export const comment = formAction(
  commentInput,
  visitorHandler('comment', async (input, { db, ipHash, settings: readSettings, limitsLifted, locals }) => {
    const isRobot = Boolean(input.subject);
    const settings = await readSettings();
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
      // The duplicate rule runs in the insert too: copies sent at the same instant meet there.
      { settings, checkFlood: !limitsLifted, duplicatesRefusedOnInsert: true },
    );
    const created = await createComment(
      db,
      {
        ...target,
        authorName: input.name,
        authorEmail: input.email,
        authorWebsite: input.website,
        body: input.body,
        locale: locals.locale,
      },
      { ...submissionContext({ ipHash, locals }, verdict, { isRobot, notify: input.notify }), refuseDuplicates: true },
    );
    // Spam is answered like a held comment: a spammer learns nothing from the reply. The token
    // is the commenter's private link, shown once on the page that answers this post.
    return { publicId: created.publicId, published: created.status === 'approved', token: created.token };
  }),
);
