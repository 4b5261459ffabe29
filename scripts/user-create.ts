/**
 * `npm run user:create -- --role admin --username <name> [--display-name "Name"]`
 * Creates a moderator or admin account. The password comes from a hidden prompt, or from the
 * first line of standard input when piped — never from the command line.
 */
import { parseArgs } from 'node:util';
import { withRuntime } from './lib/with-runtime.ts';
import { readPassword } from './lib/read-password.ts';
import { createUser, checkPassword, UserError } from '../src/lib/auth/users.ts';
import type { UserErrorCode } from '../src/lib/auth/users.ts';

const USAGE = 'Usage: npm run user:create -- --role <admin|moderator> --username <name> [--display-name "Name"]';

const EXPLAIN: Partial<Record<UserErrorCode, string>> = {
  username_invalid: 'The username must be 2 to 32 characters: letters, digits, dot, hyphen, underscore.',
  username_taken: 'This username is already taken.',
  display_name_invalid: 'The display name must be at most 80 readable characters.',
  password_too_short: 'The password must be at least 12 characters long.',
  password_too_long: 'The password must be at most 256 characters long.',
};

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { role: { type: 'string' }, username: { type: 'string' }, 'display-name': { type: 'string' } },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  const message = (error as Error).message;
  fail(
    /password/i.test(message) ? `Passwords are never taken from the command line.\n${USAGE}` : `${message}\n${USAGE}`,
  );
}

const role = args.role;
if (role !== 'admin' && role !== 'moderator') fail(USAGE);
if (!args.username) fail(USAGE);

const password = await readPassword('Password (hidden): ');
try {
  checkPassword(password);
  if (process.stdin.isTTY && (await readPassword('Same password again: ')) !== password)
    fail('The two passwords differ.');
} catch (error) {
  if (error instanceof UserError) fail(EXPLAIN[error.code] ?? error.message);
  throw error;
}

await withRuntime(async ({ handle: { db } }) => {
  try {
    const user = await createUser(
      db,
      { username: args.username!, displayName: args['display-name'] ?? null, role, password },
      { id: null, label: 'script' },
    );
    console.log(`Created ${user.role} "${user.username}" (id ${user.id}).`);
  } catch (error) {
    if (error instanceof UserError) throw new Error(`Refused: ${EXPLAIN[error.code] ?? error.code}`);
    throw error;
  }
});
