import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, NullableTimestamp, Timestamp } from './columns.ts';
import type { ImportCredit, ImportScope } from './imports.ts';

// Souvenirs, comments and the reports on them: the contributions the wall is made of.

export type SouvenirStatus = 'pending' | 'approved' | 'rejected' | 'spam' | 'trash';

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
  consent_at: Timestamp;
  created_at: CreatedAt;
  updated_at: CreatedAt;
  approved_at: NullableTimestamp;
  approved_by: number | null;
  withdrawn_at: NullableTimestamp;
  /** Reported by enough visitors: off the wall (and out of the counts) until a moderator decides. */
  hidden_by_reports: Generated<boolean>;
  /** Made from the title, event, hashtags, name and body while approved, else null (migrations 300, 990); read only by search. */
  search_document: ColumnType<string | null, never, never>;
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
  approved_at: NullableTimestamp;
  approved_by: number | null;
  /** Reported by enough visitors: off the page (and out of the counts) until a moderator decides. */
  hidden_by_reports: Generated<boolean>;
  /** Withdrawn by its author or erased by an admin: a tombstone, its text and author erased. */
  withdrawn_at: NullableTimestamp;
}
export type CommentRow = Selectable<CommentTable>;
export type NewComment = Insertable<CommentTable>;
export type CommentUpdate = Updateable<CommentTable>;

export type ReportTargetType = 'souvenir' | 'comment';
export type ReportReason = 'offensive' | 'personal_data' | 'false' | 'spam' | 'other';

/** A contribution being stored, by the hash of who sent what where (contributions/submission-once.ts). */
export interface SubmissionOnceTable {
  key_hash: string;
  /** The claiming contribution's public id. */
  public_id: string;
  at: Timestamp;
}

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
  resolved_at: NullableTimestamp;
  resolved_by: number | null;
}
export type ReportRow = Selectable<ReportTable>;
export type NewReport = Insertable<ReportTable>;
