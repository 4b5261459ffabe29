import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { AuthorLinkError, editPendingByAuthor, withdrawByAuthor } from '../lib/souvenirs/author-link.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';
import { shareInput } from './share-schema.ts';

const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: 'author.notFound' });

function toActionError(error: unknown): never {
  if (error instanceof AuthorLinkError) {
    const code = error.code === 'not_found' ? 'NOT_FOUND' : 'CONFLICT';
    throw new ActionError({ code, message: `author.${error.code === 'not_found' ? 'notFound' : error.code === 'not_pending' ? 'notPending' : 'withdrawnAlready'}` });
  }
  if (error instanceof SanitizeError) throw new ActionError({ code: 'BAD_REQUEST', message: 'error.body.unsafe' });
  console.error('[author-link] failed:', error);
  throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'error.generic' });
}

export const authorEdit = defineAction({
  accept: 'form',
  input: shareInput.pick({ title: true, body: true, year: true, event: true }).extend({ token }),
  handler: async (input) => {
    try {
      await editPendingByAuthor(await getDb(), input.token, {
        title: input.title,
        body: input.body,
        memoryYear: input.year,
        event: input.event,
      });
      return { edited: true };
    } catch (error) {
      toActionError(error);
    }
  },
});

export const authorWithdraw = defineAction({
  accept: 'form',
  input: z.object({
    token,
    confirm: z.boolean().refine((v) => v, { error: 'author.confirmRequired' }),
  }),
  handler: async (input) => {
    try {
      await withdrawByAuthor(await getDb(), input.token);
      return { withdrawn: true };
    } catch (error) {
      toActionError(error);
    }
  },
});
