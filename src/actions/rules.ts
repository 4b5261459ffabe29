import { formAction } from './form-action.ts';
import { saveDiscussionSettings } from '../lib/rules/settings.ts';
import { rulesInput } from './rules-schema.ts';
import { settingHandler } from './setting-handler.ts';

/** An admin changes the discussion rules; the change and its audit row are one transaction. */
export const save = formAction(rulesInput, settingHandler('rules', saveDiscussionSettings));
