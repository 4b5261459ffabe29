import { sql } from 'kysely';
import { hasBidiControl } from '../sanitize/visible.ts';
import type { Kysely, Transaction } from 'kysely';
import type { AppUserRow, Database } from '../../../db/types.ts';
import { recordEvent } from '../moderation/audit.ts';
import type { Actor } from '../moderation/audit.ts';
import { hashPassword, verifyPassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password.ts';
import { endUserSessions } from './session.ts';
import { isValidUsername, normaliseUsername } from './usernames.ts';
import type { Role } from './session-user.ts';
import { DomainError } from '../errors.ts';

export type UserErrorCode =
  | 'not_found'
  | 'username_invalid'
  | 'username_taken'
  | 'display_name_invalid'
  | 'password_too_short'
  | 'password_too_long'
  | 'wrong_password'
  | 'last_admin'
  | 'self';

export class UserError extends DomainError<UserErrorCode> {
  constructor(code: UserErrorCode) {
    super('UserError', 'user change refused', code);
  }
}

export interface UserSummary {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
  passwordChangedAt: Date;
}

type Db = Kysely<Database> | Transaction<Database>;
// The team's mail settings are read where they are used (mail/team.ts), not with every account.
type UserColumns = Omit<AppUserRow, 'password_hash' | 'email' | 'mail_mode' | 'digest_hour'>;
const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'created_at',
  'disabled_at',
  'password_changed_at',
] as const;

function toUserSummary(row: UserColumns): UserSummary {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    createdAt: new Date(row.created_at),
    disabledAt: row.disabled_at ? new Date(row.disabled_at) : null,
    passwordChangedAt: new Date(row.password_changed_at),
  };
}

/** What the journal keeps of an account: never its password hash. */
function auditView(user: UserSummary) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabledAt !== null,
  };
}

/** Counted in code points, as a person counts characters. */
export function checkPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) throw new UserError('password_too_short');
  if (length > MAX_PASSWORD_LENGTH) throw new UserError('password_too_long');
}

function cleanDisplayName(value: string | null | undefined, fallback: string): string {
  const name = (value ?? '').trim() || fallback;
  // The journal and the queue show it beside the public's words: the same rules as a public name
  // (no control characters, C0 or C1, no line breaks, no direction overrides or isolates).
  if (name.length > 80 || /[\u0000-\u001F\u007F-\u009F\u2028\u2029]/.test(name) || hasBidiControl(name)) {
    throw new UserError('display_name_invalid');
  }
  return name;
}

async function loadUser(trx: Db, userId: number): Promise<UserSummary> {
  const row = await trx.selectFrom('app_user').select(USER_COLUMNS).where('id', '=', userId).executeTakeFirst();
  if (!row) throw new UserError('not_found');
  return toUserSummary(row);
}

/** Logs a change made to the account `before` shows, as it was and as it is now; returns it now. */
async function logChange(trx: Db, actor: Actor, action: string, before: UserSummary): Promise<UserSummary> {
  const after = await loadUser(trx, before.id);
  await recordEvent(trx, {
    actor,
    action,
    targetType: 'user',
    targetId: before.id,
    before: auditView(before),
    after: auditView(after),
  });
  return after;
}

/**
 * Refuses a change that would leave no active admin. The active admins' rows are locked, so two
 * admins demoting each other at once cannot both succeed on PostgreSQL.
 */
async function ensureAnotherActiveAdmin(trx: Transaction<Database>, userId: number): Promise<void> {
  const admins = await trx
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .forUpdate()
    .execute();
  if (!admins.some((a) => a.id !== userId)) throw new UserError('last_admin');
}

export interface NewUserInput {
  username: string;
  displayName?: string | null | undefined;
  role: Role;
  password: string;
}

export async function createUser(db: Kysely<Database>, input: NewUserInput, actor: Actor): Promise<UserSummary> {
  const username = normaliseUsername(input.username);
  if (!isValidUsername(username)) throw new UserError('username_invalid');
  const displayName = cleanDisplayName(input.displayName, username);
  checkPassword(input.password);
  // Hashed before the transaction: argon2 takes tens of milliseconds and PGlite has one connection.
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirst();
    if (taken) throw new UserError('username_taken');
    const row = await trx
      .insertInto('app_user')
      .values({ username, display_name: displayName, role: input.role, password_hash: passwordHash })
      .returning(USER_COLUMNS)
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        // Two creations of one name at once: the unique index decides.
        if ((error as { code?: string }).code === '23505') throw new UserError('username_taken');
        throw error;
      });
    const user = toUserSummary(row);
    await recordEvent(trx, {
      actor,
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      after: auditView(user),
    });
    return user;
  });
}

/** Every account, admins first, then by name. */
export async function listUsers(db: Db): Promise<UserSummary[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(USER_COLUMNS)
    .orderBy(sql`role = 'admin'`, 'desc')
    .orderBy('username')
    .execute();
  return rows.map(toUserSummary);
}

/** Disables an account and ends its sessions at once. */
export async function disableUser(db: Kysely<Database>, userId: number, actor: Actor): Promise<UserSummary> {
  return db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, userId);
    if (before.disabledAt) return before;
    if (before.role === 'admin') await ensureAnotherActiveAdmin(trx, userId);
    if (actor.id === userId) throw new UserError('self');
    await trx.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', userId).execute();
    await endUserSessions(trx, userId);
    return logChange(trx, actor, 'user.disable', before);
  });
}

export async function enableUser(db: Kysely<Database>, userId: number, actor: Actor): Promise<UserSummary> {
  return db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, userId);
    if (!before.disabledAt) return before;
    await trx.updateTable('app_user').set({ disabled_at: null }).where('id', '=', userId).execute();
    return logChange(trx, actor, 'user.enable', before);
  });
}

/** Changes a role; the role is read on every request, so sessions need not end. */
export async function setRole(db: Kysely<Database>, userId: number, role: Role, actor: Actor): Promise<UserSummary> {
  return db.transaction().execute(async (trx) => {
    const before = await loadUser(trx, userId);
    if (before.role === role) return before;
    if (before.role === 'admin' && !before.disabledAt) await ensureAnotherActiveAdmin(trx, userId);
    if (actor.id === userId) throw new UserError('self');
    await trx.updateTable('app_user').set({ role }).where('id', '=', userId).execute();
    return logChange(trx, actor, 'user.role', before);
  });
}

async function storePassword(
  db: Kysely<Database>,
  userId: number,
  password: string,
  actor: Actor,
  action: 'user.password_reset' | 'user.password_change',
): Promise<UserSummary> {
  checkPassword(password);
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const user = await loadUser(trx, userId);
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, password_changed_at: new Date() })
      .where('id', '=', userId)
      .execute();
    // Whoever knew the old password is signed out everywhere.
    await endUserSessions(trx, userId);
    await recordEvent(trx, { actor, action, targetType: 'user', targetId: userId, after: auditView(user) });
    return user;
  });
}

/** An admin sets a new password for someone (who then gives it to them); their sessions end. */
export async function resetPassword(
  db: Kysely<Database>,
  userId: number,
  password: string,
  actor: Actor,
): Promise<UserSummary> {
  return storePassword(db, userId, password, actor, 'user.password_reset');
}

/**
 * A person changes their own password, proving the current one first. Every session of theirs
 * ends, this one included: the caller starts a fresh one.
 */
export async function changePassword(
  db: Kysely<Database>,
  userId: number,
  currentPassword: string,
  newPassword: string,
  actor: Actor,
): Promise<void> {
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!row) throw new UserError('not_found');
  if (!(await verifyPassword(row.password_hash, currentPassword))) throw new UserError('wrong_password');
  await storePassword(db, userId, newPassword, actor, 'user.password_change');
}
