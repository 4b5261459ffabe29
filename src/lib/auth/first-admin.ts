import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { hashToken, newToken } from '../security/tokens.ts';
import { checkPassword, createUser, UserError } from './users.ts';
import type { UserSummary } from './users.ts';
import { isValidUsername, normaliseUsername } from './usernames.ts';
import { weakPasswordReason } from './password-strength.ts';
import type { WeakPasswordReason } from './password-strength.ts';
import { DomainError } from '../errors.ts';

/** How long a setup address printed at start stays valid. */
export const SETUP_TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export type FirstAdminErrorCode = 'gone' | WeakPasswordReason;

/** The setup address no longer works (used, expired, or an admin exists), or the password is weak. */
export class FirstAdminError extends DomainError<FirstAdminErrorCode> {
  constructor(code: FirstAdminErrorCode) {
    super('FirstAdminError', 'first admin refused', code);
  }
}

type Db = Kysely<Database>;

/** Whether an active admin exists; until one does, the start script offers the setup address. */
export async function hasActiveAdmin(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A fresh setup token, valid an hour; null when an admin already exists. Each start prints one,
 * and every address printed works until it expires or an admin exists: hosts started together
 * each print theirs, and the operator may follow any terminal. Only its hash is stored, in the
 * database, so whichever process serves the page can check it.
 */
export async function issueSetupToken(db: Db, now = new Date()): Promise<string | null> {
  if (await hasActiveAdmin(db)) {
    await db.deleteFrom('setup_token').execute();
    return null;
  }
  const token = newToken();
  await db.deleteFrom('setup_token').where('expires_at', '<=', now).execute();
  await db
    .insertInto('setup_token')
    .values({ token_hash: hashToken(token), expires_at: new Date(now.getTime() + SETUP_TOKEN_LIFETIME_MS) })
    .execute();
  return token;
}

/** Whether `token` opens the setup page now: unexpired, unused, and still no admin. */
export async function setupTokenIsValid(db: Db, token: string, now = new Date()): Promise<boolean> {
  if (token.length > 64) return false;
  const row = await db
    .selectFrom('setup_token')
    .select('token_hash')
    .where('token_hash', '=', hashToken(token))
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row !== undefined && !(await hasActiveAdmin(db));
}

export interface FirstAdminInput {
  token: string;
  username: string;
  password: string;
}

/**
 * Creates the first admin through the setup address, which is spent by it. Input is checked
 * before the token is spent, so a refused password leaves the address usable; two submissions at
 * once spend it once (the delete decides). Throws FirstAdminError (`gone`, or why the password
 * is weak) and UserError (the username or the password's length).
 */
export async function createFirstAdmin(db: Db, input: FirstAdminInput, now = new Date()): Promise<UserSummary> {
  const username = normaliseUsername(input.username);
  if (!isValidUsername(username)) throw new UserError('username_invalid');
  checkPassword(input.password);
  const weak = weakPasswordReason(input.password, username);
  if (weak) throw new FirstAdminError(weak);
  if (!(await setupTokenIsValid(db, input.token, now))) throw new FirstAdminError('gone');
  // Every address printed is spent at once, by one statement: of two people using two hosts'
  // addresses at the same moment, one deletes them all and the other finds its own gone.
  const spent = await db.deleteFrom('setup_token').where('expires_at', '>', now).returning('token_hash').execute();
  if (!spent.some((row) => row.token_hash === hashToken(input.token))) throw new FirstAdminError('gone');
  return createUser(db, { username, role: 'admin', password: input.password }, { id: null, label: 'setup' });
}
