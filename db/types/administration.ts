import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';
import type { CreatedAt, Timestamp } from './columns.ts';

// The site's own state: the settings admins edit, the moderation journal, shared secrets, rate limits.

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

export interface RateLimitTable {
  action: string;
  key_hash: string;
  window_start: Timestamp;
  hits: number;
}

/** A secret shared by every host (secrets/shared-secret.ts); environment variables override it. */
export interface AppSecretTable {
  name: string;
  value: string;
  created_at: ColumnType<Date, Date | string, never>;
}
