import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export type SouvenirStatus = 'pending' | 'approved' | 'rejected' | 'spam' | 'trash';

type CreatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface SouvenirTable {
  id: Generated<number>;
  public_id: string;
  author_name: string;
  author_email: string;
  title: string | null;
  body_raw: string;
  body_html: string;
  memory_year: number | null;
  event: string | null;
  hashtags: ColumnType<string[], string[] | undefined, string[]>;
  locale: string;
  status: SouvenirStatus;
  previous_status: SouvenirStatus | null;
  pinned: Generated<boolean>;
  comment_count: Generated<number>;
  candle_count: Generated<number>;
  flag_reasons: ColumnType<string[], string[] | undefined, string[]>;
  is_demo: Generated<boolean>;
  ip_hash: string | null;
  token_hash: string;
  consent_at: ColumnType<Date, Date | string, Date | string>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  approved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  approved_by: number | null;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Reported by enough visitors: off the wall (and out of the counts) until a moderator decides. */
  hidden_by_reports: Generated<boolean>;
  /** Generated from the title, event, hashtags, name and body (migration 300); read only by search. */
  search_document: ColumnType<string, never, never>;
  /** An imported post's credit (issue 20): shown beside it; null for the site's own contributions. */
  import_credit: ColumnType<ImportCredit | null, string | null | undefined, string | null>;
  /** The uses its author consented to; null (every use) for the site's own contributions. */
  import_scopes: ColumnType<ImportScope[] | null, ImportScope[] | null | undefined, ImportScope[] | null>;
}
export type SouvenirRow = Selectable<SouvenirTable>;
export type NewSouvenir = Insertable<SouvenirTable>;
export type SouvenirUpdate = Updateable<SouvenirTable>;

export interface CommentTable {
  id: Generated<number>;
  public_id: string;
  souvenir_id: number;
  /** A top-level comment of the same souvenir (one level of replies), or null. */
  parent_id: number | null;
  author_name: string;
  /** Never published. */
  author_email: string;
  /** http or https only; shown as a `rel="nofollow ugc"` link on the name. */
  author_website: string | null;
  body_raw: string;
  body_html: string;
  status: SouvenirStatus;
  previous_status: SouvenirStatus | null;
  flag_reasons: ColumnType<string[], string[] | undefined, string[]>;
  ip_hash: string | null;
  token_hash: string | null;
  locale: string;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  approved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  approved_by: number | null;
  /** Reported by enough visitors: off the page (and out of the counts) until a moderator decides. */
  hidden_by_reports: Generated<boolean>;
  /** Withdrawn by its author or erased by an admin: a tombstone, its text and author erased. */
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type CommentRow = Selectable<CommentTable>;
export type NewComment = Insertable<CommentTable>;
export type CommentUpdate = Updateable<CommentTable>;

export interface SettingTable {
  key: string;
  id: Generated<number>;
  value: ColumnType<unknown, string, string>;
  updated_at: CreatedAt;
  updated_by: number | null;
}
export type SettingRow = Selectable<SettingTable>;

export interface ModerationEventTable {
  id: Generated<number>;
  occurred_at: CreatedAt;
  actor_id: number | null;
  actor_label: string;
  action: string;
  target_type: 'souvenir' | 'comment' | 'user' | 'email' | 'setting' | 'import_source' | 'import';
  target_id: number;
  reason: string | null;
  before: ColumnType<unknown, string | null | undefined, string | null>;
  after: ColumnType<unknown, string | null | undefined, string | null>;
  /** The whole state a decision started from, for "restore the previous state" (contributions/revert.ts). */
  restore_state: ColumnType<unknown, string | null | undefined, string | null>;
}
export type ModerationEventRow = Selectable<ModerationEventTable>;
export type NewModerationEvent = Insertable<ModerationEventTable>;

export type UserRole = 'admin' | 'moderator';

export interface AppUserTable {
  id: Generated<number>;
  /** Lower-cased. */
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  created_at: CreatedAt;
  disabled_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  password_changed_at: CreatedAt;
  /** Where the team's messages go (mail/team.ts); never shown to the public. */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  /** Every new item, a daily digest, or nothing. */
  mail_mode: ColumnType<TeamMailMode, TeamMailMode | undefined, TeamMailMode>;
  /** The digest's hour, Europe/Paris (0–23). */
  digest_hour: ColumnType<number, number | undefined, number>;
}
export type TeamMailMode = 'each' | 'digest' | 'none';
export type AppUserRow = Selectable<AppUserTable>;
export type NewAppUser = Insertable<AppUserTable>;
export type AppUserUpdate = Updateable<AppUserTable>;

export interface UserSessionTable {
  /** SHA-256 (hex) of the session id the cookie carries. */
  id: string;
  user_id: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  created_at: CreatedAt;
}
export type UserSessionRow = Selectable<UserSessionTable>;
export type NewUserSession = Insertable<UserSessionTable>;

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip_hash: string | null;
  attempted_at: ColumnType<Date, Date | string, Date | string>;
  /** The browser's device cookie for this username; null for any other browser. */
  device_id: ColumnType<number | null, number | null | undefined, number | null>;
}
export type LoginAttemptRow = Selectable<LoginAttemptTable>;

/** A browser that signed in (OWASP's device cookie): the cookie is `selector.verifier`, the verifier kept hashed. */
export interface LoginDeviceTable {
  id: Generated<number>;
  user_id: number;
  selector: string;
  verifier_hash: string;
  created_at: ColumnType<Date, Date | string, Date | string>;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}
export type LoginDevice = Selectable<LoginDeviceTable>;

/** One password check kept an hour, for the hourly cap per (username, device or none). */
export interface LoginGuessTable {
  id: Generated<number>;
  username: string;
  device_id: number | null;
  attempted_at: ColumnType<Date, Date | string, Date | string>;
}

export interface RateLimitTable {
  action: string;
  key_hash: string;
  window_start: ColumnType<Date, Date | string, Date | string>;
  hits: number;
}

/** The wall's figures, one row (id = 1), kept by triggers (souvenirs, comments, contributors) and by lightCandle. */
export interface WallStatTable {
  id: number;
  souvenirs: Generated<number>;
  comments: Generated<number>;
  contributors: Generated<number>;
  candles: Generated<number>;
}

/** Approved souvenirs per memory year, kept by triggers. */
export interface WallYearTable {
  year: number;
  souvenirs: number;
}

/** Approved souvenirs per hashtag, kept by triggers. */
export interface WallTagTable {
  tag: string;
  souvenirs: number;
}

/** Approved texts per author (SHA-256 of the lower-cased email), kept by triggers. */
export interface ContributorTable {
  email_hash: string;
  items: number;
}

/** One candle per visitor per souvenir per day (Europe/Paris). */
export interface CandleTable {
  souvenir_id: number;
  ip_hash: string;
  /** 'YYYY-MM-DD'. */
  day: ColumnType<Date, string, string>;
  lit_at: CreatedAt;
}

export type ReportTargetType = 'souvenir' | 'comment';
export type ReportReason = 'offensive' | 'personal_data' | 'false' | 'spam' | 'other';

/** A visitor's report of an approved souvenir or comment; one per visitor (IP hash) per item. */
export interface ReportTable {
  id: Generated<number>;
  target_type: ReportTargetType;
  target_id: number;
  reason: ReportReason;
  /** Plain text, at most 500 characters; never rendered as HTML. */
  note: string | null;
  ip_hash: string | null;
  created_at: CreatedAt;
  resolved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  resolved_by: number | null;
}
export type ReportRow = Selectable<ReportTable>;
export type NewReport = Insertable<ReportTable>;

/** The one-time address that creates the first admin (association/setup.ts); only its hash. */
export interface SetupTokenTable {
  token_hash: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** A visitor's message through /contact; the address is never published. */
export interface ContactMessageTable {
  id: Generated<number>;
  name: string;
  email: string;
  body: string;
  locale: string;
  /** The honeypot was filled: kept, listed apart, never emailed. */
  is_spam: Generated<boolean>;
  ip_hash: string | null;
  created_at: CreatedAt;
  read_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  read_by: number | null;
}
export type ContactMessageRow = Selectable<ContactMessageTable>;

/** What a thank-you page shows on reload for a few minutes (src/lib/flash/thank-you.ts). */
export interface ThankYouFlashTable {
  /** SHA-256 (hex) of the random id in the contributor's cookie. */
  id_hash: string;
  /** The payload, AES-256-GCM sealed with a key derived from that id. */
  sealed: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** Where a message stands in the outbox: waiting (or retrying), sent, given up on, or held by the per-address budget. */
export type MailStatus = 'queued' | 'sent' | 'failed' | 'held';

/** One email, written in the transaction of the event that causes it (src/lib/mail/outbox.ts). */
export interface MailOutboxTable {
  id: Generated<number>;
  /** What it is (`received`, `decision`, `reply`, `lost_links`, `confirm`…): the admin list says it. */
  kind: string;
  locale: string;
  to_address: string;
  subject: string;
  /** Cleared when sent if `carries_secret`, and after 30 days for every message (privacy/purge.ts). */
  body_text: string | null;
  body_html: string | null;
  /** The one-click unsubscribe URL (RFC 8058) of a notification, or null. */
  unsubscribe_url: string | null;
  message_id: string;
  status: ColumnType<MailStatus, MailStatus | undefined, MailStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string, Date | string>;
  /** A sender's claim: nobody else takes the row before then (a crashed sender's claim expires). */
  locked_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_error: string | null;
  carries_secret: Generated<boolean>;
  /** Unique when set: the same event never queues its message twice. */
  dedupe_key: string | null;
  created_at: CreatedAt;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  failed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type MailOutboxRow = Selectable<MailOutboxTable>;

/** Messages queued per address (SHA-256 of the lower-cased address) per Paris day. */
export interface MailBudgetTable {
  address_hash: string;
  day: ColumnType<Date, string, string>;
  messages: number;
}

/** Scheduled mail work, claimed by one process at a time (mail/team-jobs.ts). */
export interface MailJobTable {
  name: string;
  next_run_at: ColumnType<Date, Date | string, Date | string>;
}

/** "Tell me about replies" to one contribution, once the address is confirmed (double opt-in). */
export interface MailSubscriptionTable {
  id: Generated<number>;
  address: string;
  target_type: 'souvenir' | 'comment';
  target_id: number;
  locale: string;
  /** SHA-256 of the confirmation token (it grants: notifications start). */
  token_hash: string;
  /** Only ever takes mail away, and every notification carries it: kept as it is. */
  unsubscribe_key: string;
  created_at: CreatedAt;
  confirmed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** A secret shared by every host (secrets/shared-secret.ts); environment variables override it. */
export interface AppSecretTable {
  name: string;
  value: string;
  created_at: ColumnType<Date, Date | string, never>;
}

/** A photo of a souvenir, or staged under an upload while the share form comes back (migration 500). */
export interface PhotoTable {
  id: Generated<number>;
  souvenir_id: number | null;
  /** SHA-256 of the share form's upload token while staged; null once attached. */
  upload_hash: string | null;
  /** The gathered post (issue 20) whose image this is, until it is published as a souvenir's. */
  import_item_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1 to 4, the order the author chose. */
  position: number;
  /** What the photo shows, for people who cannot see it (required before it is attached). */
  alt_text: Generated<string>;
  /** When set, the photo is blurred until the visitor chooses to see it. */
  content_note: string | null;
  width: number;
  height: number;
  created_at: ColumnType<Date, Date | string, Date | string>;
  /** When a staged upload is forgotten; null once attached. */
  expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}
export type PhotoRow = Selectable<PhotoTable>;

/** One re-encoded size and format of a photo, addressed by the SHA-256 of its bytes. */
export interface PhotoVariantTable {
  photo_id: number;
  format: 'webp' | 'jpeg';
  width: number;
  height: number;
  hash: string;
  /** A Buffer on pg, a Uint8Array on PGlite. */
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
}

/** One change of what the public sees of a souvenir, in commit-independent sequence order. */
export interface WallEventTable {
  seq: Generated<number>;
  kind: 'souvenir' | 'comment' | 'other';
  souvenir_id: number | null;
  changed_at: ColumnType<Date, Date | string, never>;
}

/** A souvenir a moderator allowed on the venue's screen, its place in the rundown and its time there. */
export interface ScreenItemTable {
  souvenir_id: number;
  position: number;
  duration_ms: number;
  added_at: ColumnType<Date, Date | string, never>;
}

/** How the venue's loop plays (one row, id 1); its position follows from `loop_started_at` and the clock. */
export interface ScreenStateTable {
  id: number;
  mode: 'rundown' | 'shuffle';
  shuffle_seed: number;
  loop_started_at: ColumnType<Date, Date | string, Date | string>;
  paused_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  frozen_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
  updated_at: ColumnType<Date, Date | string, Date | string>;
}

/** A moment of silence on every screen, from `starts_at` for `duration_ms`. */
export interface ScreenSilenceTable {
  id: Generated<number>;
  starts_at: ColumnType<Date, Date | string, never>;
  duration_ms: number;
  created_at: ColumnType<Date, Date | string, never>;
  /** The recurring silence this is an occurrence of (migration 970); null when started from the console. */
  schedule_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Called off from the console (kept so that its schedule does not claim it again). */
  cancelled_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type SilenceRecurrence = 'yearly' | 'daily';

/** A moment of silence at set times (migration 970): each occurrence becomes a `screen_silence` row. */
export interface SilenceScheduleTable {
  id: Generated<number>;
  recurrence: SilenceRecurrence;
  month: number | null;
  day: number | null;
  /** Paris time of day, "HH:MM" or "HH:MM:SS". */
  time: string;
  duration_ms: number;
  anniversary_only: Generated<boolean>;
  created_at: ColumnType<Date, Date | string, never>;
}

/** Where imported posts come from (issue 20): a Mastodon server, a Bluesky account, an RSS/Atom feed. */
export type ImportSourceKind = 'mastodon' | 'bluesky' | 'rss';

/** A source an admin configured; its status line is what the last run saw. */
export interface ImportSourceTable {
  id: Generated<number>;
  kind: ImportSourceKind;
  base_url: string;
  hashtags: ColumnType<string[], string[] | undefined, string[]>;
  account: string | null;
  /** Bluesky's app password: in the database only, never shown, logged or exported. */
  app_password: string | null;
  /** The association's Mastodon access token (replies from its account): kept like the app password. */
  access_token: ColumnType<string | null, string | null | undefined, string | null>;
  enabled: Generated<boolean>;
  /** 'new', 'ok', 'authenticated' or 'disabled' (the server's hashtag feed), 'rate_limited', 'error'. */
  status: Generated<string>;
  last_run_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  last_items: Generated<number>;
  last_error: string | null;
  failures: Generated<number>;
  next_run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** A process fetching this source holds it until then; another may take over after. */
  lease_until: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_at: ColumnType<Date, Date | string | undefined, never>;
}

/** Where a source's feed (one hashtag, one search) was last read up to. */
export interface ImportCheckpointTable {
  source_id: number;
  feed: string;
  since_id: string | null;
  cursor: string | null;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** An image's description as the post gave it; the image itself is not fetched yet. */
export interface ImportMedia {
  type: string;
  description: string | null;
  remoteUrl: string;
}

/** A post gathered into the private queue: never public until its author consents. */
export interface ImportItemTable {
  id: Generated<number>;
  source_id: number;
  network: ImportSourceKind;
  remote_uri: string;
  url: string;
  account_handle: string;
  account_name: string;
  account_url: string;
  body_html: string;
  content_note: string | null;
  media: ColumnType<ImportMedia[], string | undefined, string>;
  language: string | null;
  posted_at: ColumnType<Date, Date | string, Date | string>;
  edited_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  fetched_at: ColumnType<Date, Date | string, Date | string>;
  consented_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** The souvenir a consented post became. */
  souvenir_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The status id on the source's Mastodon server (the daily check asks it); null elsewhere. */
  remote_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When its images were fetched and re-encoded (photos owned by the item); null: still to do. */
  images_fetched_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

/** Where an imported post may appear, each chosen by its author on the consent page. */
export type ImportScope = 'wall' | 'screen' | 'photos' | 'archive';

/** How an imported souvenir is credited: its author's display name, handle and the original post. */
export interface ImportCredit {
  name: string;
  handle: string;
  url: string;
}

export type ImportRequestStatus = 'sending' | 'sent' | 'proved' | 'consented' | 'declined' | 'expired' | 'failed';

/** A request for consent sent to a post's author (one per post at most). */
export interface ImportRequestTable {
  id: Generated<number>;
  item_id: number;
  keyword: string;
  /** sha256 of the consent page's token; the token itself is only in the reply we sent. */
  token_hash: string;
  status: ColumnType<ImportRequestStatus, ImportRequestStatus | undefined, ImportRequestStatus>;
  /** When it was reserved (a failed sending reserved again counts anew against the hour's budget). */
  created_at: ColumnType<Date, Date | string | undefined, Date | string>;
  sent_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  remote_reply_id: string | null;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  proved_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  error: string | null;
  asked_by: number | null;
}

/** What an author agreed to, kept after a withdrawal as the record of it. */
export interface ImportConsentTable {
  id: Generated<number>;
  item_id: number | null;
  request_id: number | null;
  network: string;
  account_uri: string;
  account_handle: string;
  asked_text: string;
  body_html: string;
  body_sha256: string;
  scopes: ColumnType<ImportScope[], ImportScope[], ImportScope[]>;
  given_at: ColumnType<Date, Date | string, never>;
  withdrawn_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  withdrawal_reason: string | null;
}

export interface Database {
  import_source: ImportSourceTable;
  import_checkpoint: ImportCheckpointTable;
  import_item: ImportItemTable;
  import_request: ImportRequestTable;
  import_consent: ImportConsentTable;
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
