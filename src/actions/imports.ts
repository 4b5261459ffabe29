import { ActionError } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { forgetImportedPost } from '../lib/imports/queue.ts';
import { formRowId } from './fields.ts';
import { formAction } from './form-action.ts';

/** A moderator deletes a gathered post from the private queue at once (its author asked, or it does not belong). */
export const forgetImport = formAction(
  z.object({
    id: formRowId('imports.error.notFound'),
  }),
  async (input, context) => {
    requireActionUser(context);
    if (!(await forgetImportedPost(await getDb(), input.id))) {
      throw new ActionError({ code: 'NOT_FOUND', message: 'imports.error.notFound' });
    }
    return { forgotten: true };
  },
);
