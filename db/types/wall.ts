import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

// What the wall keeps for its visitors: its figures, candles, the change sequence, thank-you pages.

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

/** What a thank-you page shows on reload for a few minutes (src/lib/flash/thank-you.ts). */
export interface ThankYouFlashTable {
  /** SHA-256 (hex) of the random id in the contributor's cookie. */
  id_hash: string;
  /** The payload, AES-256-GCM sealed with a key derived from that id. */
  sealed: string;
  expires_at: Timestamp;
}

/** One change of what the public sees of a souvenir, in commit-independent sequence order. */
export interface WallEventTable {
  seq: Generated<number>;
  kind: 'souvenir' | 'comment' | 'other';
  souvenir_id: number | null;
  changed_at: ColumnType<Date, Date | string, never>;
}
