import type { ColumnType, Generated } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.ts';

// Posts gathered from elsewhere (issue 20): sources, items, consent requests and consents.

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
  last_run_at: NullableTimestamp;
  last_items: Generated<number>;
  last_error: string | null;
  failures: Generated<number>;
  next_run_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** A process fetching this source holds it until then; another may take over after. */
  lease_until: NullableTimestamp;
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
  posted_at: Timestamp;
  edited_at: NullableTimestamp;
  fetched_at: Timestamp;
  consented_at: NullableTimestamp;
  /** The souvenir a consented post became. */
  souvenir_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** The status id on the source's Mastodon server (the daily check asks it); null elsewhere. */
  remote_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** When its images were fetched and re-encoded (photos owned by the item); null: still to do. */
  images_fetched_at: NullableTimestamp;
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
  sent_at: NullableTimestamp;
  remote_reply_id: string | null;
  expires_at: Timestamp;
  proved_at: NullableTimestamp;
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
  withdrawn_at: NullableTimestamp;
  withdrawal_reason: string | null;
}

/** Why a post was forgotten for good: it is never gathered (nor asked about) again. */
export type ForgottenReason = 'declined' | 'withdrawn' | 'original_gone' | 'moderator';

/** A post forgotten for good, known only by the SHA-256 of its address. */
export interface ImportForgottenTable {
  remote_uri_sha256: string;
  reason: ForgottenReason;
  forgotten_at: ColumnType<Date, Date | string, never>;
}
