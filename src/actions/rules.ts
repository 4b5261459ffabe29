import { defineAction } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { saveDiscussionSettings } from '../lib/rules/settings.ts';
import { rulesInput } from './rules-schema.ts';
import { actorOf, adminHandler } from './admin-handler.ts';

/** An admin changes the discussion rules; the change and its audit row are one transaction. */
export const save = defineAction({
  accept: 'form',
  input: rulesInput,
  handler: adminHandler('rules', async (input, admin) => {
    await saveDiscussionSettings(await getDb(), input, actorOf(admin));
    return { saved: true };
  }),
});
