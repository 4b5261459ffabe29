import type { Migration } from 'kysely/migration';
import * as m001 from './2026_11_25_001_souvenirs.ts';
import * as m002 from './2026_11_25_002_accounts.ts';
import * as m003 from './2026_11_25_003_comments.ts';
import * as m004 from './2026_11_25_004_wall.ts';
import * as m005 from './2026_11_25_005_trust.ts';
import * as m006 from './2026_11_25_006_reports.ts';
import * as m007 from './2026_11_25_007_privacy.ts';
import * as m008 from './2026_12_06_001_login_devices.ts';
import * as m100 from './2026_12_06_100_mail_outbox.ts';
import * as m101 from './2026_12_06_101_team_mail.ts';
import * as m200 from './2026_12_06_200_thank_you_flash.ts';
import * as m300 from './2026_12_06_300_search.ts';
import * as m400 from './2026_12_06_400_association.ts';
import * as m600 from './2026_12_06_600_app_secret.ts';
import * as m601 from './2026_12_06_601_wall_event.ts';
import * as m500 from './2026_12_06_500_photos.ts';
import * as m900 from './2026_12_06_900_venue_screen.ts';
import * as m950 from './2026_12_06_950_imports.ts';
import * as m960 from './2026_12_06_960_import_consent.ts';
import * as m965 from './2026_12_06_965_import_photos.ts';
import * as m970 from './2026_12_06_970_silence_schedule.ts';
import * as m980 from './2026_12_06_980_import_forgotten.ts';
import * as m990 from './2026_12_06_990_search_approved_only.ts';
import * as m1100 from './2026_12_07_100_mail_reply_to.ts';
import * as m1200 from './2026_12_07_200_submission_once.ts';
import * as m1300 from './2026_12_07_300_search_short_stems.ts';
import * as m1400 from './2026_12_07_400_queue_search_fold.ts';

/**
 * Every migration, by name. Listed by hand rather than read from the folder so that the
 * Vite-bundled server and the Node scripts apply exactly the same set.
 */
export const migrations: Record<string, Migration> = {
  '2026_11_25_001_souvenirs': m001,
  '2026_11_25_002_accounts': m002,
  '2026_11_25_003_comments': m003,
  '2026_11_25_004_wall': m004,
  '2026_11_25_005_trust': m005,
  '2026_11_25_006_reports': m006,
  '2026_11_25_007_privacy': m007,
  '2026_12_06_001_login_devices': m008,
  '2026_12_06_100_mail_outbox': m100,
  '2026_12_06_101_team_mail': m101,
  '2026_12_06_200_thank_you_flash': m200,
  '2026_12_06_300_search': m300,
  '2026_12_06_400_association': m400,
  '2026_12_06_500_photos': m500,
  '2026_12_06_600_app_secret': m600,
  '2026_12_06_601_wall_event': m601,
  '2026_12_06_900_venue_screen': m900,
  '2026_12_06_950_imports': m950,
  '2026_12_06_960_import_consent': m960,
  '2026_12_06_965_import_photos': m965,
  '2026_12_06_970_silence_schedule': m970,
  '2026_12_06_980_import_forgotten': m980,
  '2026_12_06_990_search_approved_only': m990,
  '2026_12_07_100_mail_reply_to': m1100,
  '2026_12_07_200_submission_once': m1200,
  '2026_12_07_300_search_short_stems': m1300,
  '2026_12_07_400_queue_search_fold': m1400,
};
