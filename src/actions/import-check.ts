import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { checkOriginalsNow } from '../lib/imports/check-now.ts';
import { addressPolicyOf } from '../lib/imports/sources-form.ts';
import { actorOf, adminHandler } from './admin-handler.ts';

/** An admin checks every consented original now; answers with the counts the page puts in words. */
export const checkOriginalsNowAction = formAction(
  z.object({}),
  adminHandler('importSources.checkNow', async (_input, admin) => {
    const outcome = await checkOriginalsNow(await getDb(), actorOf(admin), addressPolicyOf());
    return { done: 'check' as const, ...outcome };
  }),
);
