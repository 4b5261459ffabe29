import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { CreatedAt, NullableTimestamp, Timestamp } from './columns.ts';

// Moderators and admins: accounts, sessions, sign-in throttling, the first admin's setup address.

export type UserRole = 'admin' | 'moderator';

export interface AppUserTable {
  id: Generated<number>;
  /** Lower-cased. */
  username: string;
  display_name: string;
  role: UserRole;
  password_hash: string;
  created_at: CreatedAt;
  disabled_at: NullableTimestamp;
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
  expires_at: Timestamp;
  created_at: CreatedAt;
}
export type UserSessionRow = Selectable<UserSessionTable>;
export type NewUserSession = Insertable<UserSessionTable>;

export interface LoginAttemptTable {
  id: Generated<number>;
  username: string;
  ip_hash: string | null;
  attempted_at: Timestamp;
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
  created_at: Timestamp;
  expires_at: Timestamp;
}
export type LoginDevice = Selectable<LoginDeviceTable>;

/** One password check kept an hour, for the hourly cap per (username, device or none). */
export interface LoginGuessTable {
  id: Generated<number>;
  username: string;
  device_id: number | null;
  attempted_at: Timestamp;
}

/** The one-time address that creates the first admin (association/setup.ts); only its hash. */
export interface SetupTokenTable {
  token_hash: string;
  expires_at: Timestamp;
}
