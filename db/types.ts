import type { CommentTable, ReportTable, SouvenirTable, SubmissionOnceTable } from './types/contributions.ts';
import type { AppSecretTable, ModerationEventTable, RateLimitTable, SettingTable } from './types/administration.ts';
import type {
  AppUserTable,
  LoginAttemptTable,
  LoginDeviceTable,
  LoginGuessTable,
  SetupTokenTable,
  UserSessionTable,
} from './types/team.ts';
import type {
  CandleTable,
  ContributorTable,
  ThankYouFlashTable,
  WallEventTable,
  WallStatTable,
  WallTagTable,
  WallYearTable,
} from './types/wall.ts';
import type {
  ContactMessageTable,
  MailBudgetTable,
  MailJobTable,
  MailOutboxTable,
  MailSubscriptionTable,
} from './types/mail.ts';
import type { PhotoTable, PhotoVariantTable } from './types/photos.ts';
import type { ScreenItemTable, ScreenSilenceTable, ScreenStateTable, SilenceScheduleTable } from './types/screen.ts';
import type {
  ImportCheckpointTable,
  ImportConsentTable,
  ImportForgottenTable,
  ImportItemTable,
  ImportRequestTable,
  ImportSourceTable,
} from './types/imports.ts';

export type * from './types/contributions.ts';
export type * from './types/administration.ts';
export type * from './types/team.ts';
export type * from './types/wall.ts';
export type * from './types/mail.ts';
export type * from './types/photos.ts';
export type * from './types/screen.ts';
export type * from './types/imports.ts';

/** Every table, as Kysely types queries against it; each area's tables are in db/types/. */
export interface Database {
  import_source: ImportSourceTable;
  import_checkpoint: ImportCheckpointTable;
  import_item: ImportItemTable;
  import_request: ImportRequestTable;
  import_consent: ImportConsentTable;
  import_forgotten: ImportForgottenTable;
  screen_item: ScreenItemTable;
  screen_state: ScreenStateTable;
  screen_silence: ScreenSilenceTable;
  silence_schedule: SilenceScheduleTable;
  wall_event: WallEventTable;
  photo: PhotoTable;
  photo_variant: PhotoVariantTable;
  app_secret: AppSecretTable;
  setup_token: SetupTokenTable;
  contact_message: ContactMessageTable;
  wall_stat: WallStatTable;
  wall_year: WallYearTable;
  wall_tag: WallTagTable;
  contributor: ContributorTable;
  candle: CandleTable;
  rate_limit: RateLimitTable;
  report: ReportTable;
  souvenir: SouvenirTable;
  comment: CommentTable;
  submission_once: SubmissionOnceTable;
  setting: SettingTable;
  moderation_event: ModerationEventTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  login_attempt: LoginAttemptTable;
  login_device: LoginDeviceTable;
  login_guess: LoginGuessTable;
  mail_outbox: MailOutboxTable;
  mail_budget: MailBudgetTable;
  mail_subscription: MailSubscriptionTable;
  mail_job: MailJobTable;
  thank_you_flash: ThankYouFlashTable;
}
