import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { REQUESTS_PER_HOUR_LIMITS } from '../lib/imports/request.ts';
import { saveImportSettings } from '../lib/imports/request-settings.ts';
import { wholeNumber } from './fields.ts';
import { settingHandler } from './setting-handler.ts';

/** An admin sets how many consent requests may go out in an hour (1–60), journaled. */
export const saveImportSettingsAction = formAction(
  z.object({ requestsPerHour: wholeNumber(REQUESTS_PER_HOUR_LIMITS, 'importsSettings.error') }),
  settingHandler('importSources.settings', saveImportSettings),
);
