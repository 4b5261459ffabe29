import { z } from 'astro/zod';
import { readable } from './share-schema.ts';
import { formRowId } from './fields.ts';

const USERNAME_MAX = 64;
const PASSWORD_MAX = 256;

const requiredText = (required: string, max: number, tooLong: string) =>
  z.string({ error: required }).trim().min(1, { error: required }).max(max, { error: tooLong });

/** Passwords are taken as typed: no trimming, spaces count. */
const password = (required: string) =>
  z.string({ error: required }).min(1, { error: required }).max(PASSWORD_MAX, { error: 'auth.error.passwordTooLong' });

const userId = formRowId('team.error.not_found');
const role = z.enum(['admin', 'moderator'], { error: 'team.error.role' });

export const loginInput = z.object({
  // No account name holds a control character (user creation refuses them), and PostgreSQL refuses
  // a NUL in a query: such a name is answered as any unknown one, before the database is asked.
  username: requiredText('auth.error.usernameRequired', USERNAME_MAX, 'auth.login.invalid').refine(readable, {
    error: 'auth.login.invalid',
  }),
  password: password('auth.error.passwordRequired'),
  retour: z.string().max(2000).nullish(),
});

export const changePasswordInput = z
  .object({
    current: password('auth.error.passwordRequired'),
    next: password('auth.error.passwordRequired'),
    confirm: z.string().nullish(),
  })
  .refine((v) => v.next === v.confirm, { error: 'auth.error.passwordMismatch', path: ['confirm'] });

export const createUserInput = z.object({
  username: requiredText('team.error.usernameRequired', USERNAME_MAX, 'team.error.username_invalid'),
  displayName: z.string().trim().max(80, { error: 'team.error.display_name_invalid' }).nullish(),
  role,
  password: password('auth.error.passwordRequired'),
});

export const userIdInput = z.object({ userId });
export const setRoleInput = z.object({ userId, role });
export const resetPasswordInput = z.object({ userId, password: password('auth.error.passwordRequired') });
