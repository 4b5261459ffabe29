import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { editPendingByAuthor, withdrawByAuthor } from '../lib/contributions/author-link.ts';
import { shareInput } from './share-schema.ts';
import { commentInput } from './comment-schema.ts';
import { answeredHandler } from './admin-handler.ts';

const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: 'author.notFound' });
/** The text's `updated_at` in ms when the page was shown: a correction is made on that version. */
const expectedUpdatedAt = z.number({ error: 'author.changed' }).int().nonnegative().optional();
const version = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

/** The author corrects their pending souvenir; the rules look at it again (it may go to spam). */
export const authorEdit = formAction(
  shareInput.pick({ title: true, body: true, year: true, event: true }).extend({ token, expectedUpdatedAt }),
  answeredHandler('author-link', async (input) => {
    const status = await editPendingByAuthor(
      await getDb(),
      'souvenir',
      input.token,
      { title: input.title, body: input.body, memoryYear: input.year, event: input.event },
      new Date(),
      version(input.expectedUpdatedAt),
    );
    return { edited: true, status };
  }),
);

/** The commenter corrects their pending comment, under the same rules. */
export const authorEditComment = formAction(
  commentInput.pick({ body: true }).extend({ token, expectedUpdatedAt }),
  answeredHandler('author-link', async (input) => {
    const status = await editPendingByAuthor(
      await getDb(),
      'comment',
      input.token,
      { body: input.body },
      new Date(),
      version(input.expectedUpdatedAt),
    );
    return { edited: true, status };
  }),
);

/** Withdraws whatever the link opens, a souvenir or a comment. */
export const authorWithdraw = formAction(
  z.object({
    token,
    confirm: z.boolean().refine((v) => v, { error: 'author.confirmRequired' }),
  }),
  answeredHandler('author-link', async (input) => {
    const kind = await withdrawByAuthor(await getDb(), input.token);
    return { withdrawn: true, kind };
  }),
);
