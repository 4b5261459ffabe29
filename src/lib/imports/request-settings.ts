import { defineSetting } from '../settings/setting-row.ts';
import { IMPORT_SETTINGS_KEY, readRequestsPerHour, REQUESTS_PER_HOUR_LIMITS } from './request.ts';

/** What an admin sets about asking authors (setting `imports`): the hour's budget of requests. */
export interface ImportSettings {
  requestsPerHour: number;
}

const importSetting = defineSetting<ImportSettings>({
  key: IMPORT_SETTINGS_KEY,
  read: (stored) => ({ requestsPerHour: readRequestsPerHour(stored) }),
  check(settings) {
    const { min, max } = REQUESTS_PER_HOUR_LIMITS;
    const n = settings.requestsPerHour;
    if (!Number.isInteger(n) || n < min || n > max) throw new RangeError('requests per hour out of range');
    return { requestsPerHour: n };
  },
  action: 'settings',
});

/** Read on every use; asking reads the same row under its lock (request.ts), so a change holds at once. */
export const getImportSettings = importSetting.get;

/** Stores the budget with its journal row in one transaction. Throws RangeError outside 1–60. */
export const saveImportSettings = importSetting.save;
