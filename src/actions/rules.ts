import { defineAction } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { saveDiscussionSettings } from '../lib/rules/settings.ts';
import { rulesInput } from './rules-schema.ts';
import { toActionError } from './errors.ts';

/** An admin changes the discussion rules; the change and its audit row are one transaction. */
export const save = defineAction({
  accept: 'form',
  input: rulesInput,
  handler: async (input, context) => {
    const user = requireActionUser(context, 'admin');
    try {
      await saveDiscussionSettings(await getDb(), input, { id: user.id, label: user.username });
      return { saved: true };
    } catch (error) {
      throw toActionError(error, 'rules');
    }
  },
});
