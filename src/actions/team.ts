import { formAction } from './form-action.ts';
import type { z } from 'astro/zod';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import type { Actor } from '../lib/moderation/audit.ts';
import { getDb } from '../lib/runtime.ts';
import {
  createUser,
  disableUser,
  enableUser,
  resetPassword as resetUserPassword,
  setRole as setUserRole,
} from '../lib/auth/users.ts';
import { actorOf, adminHandler } from './admin-handler.ts';
import { createUserInput, resetPasswordInput, setRoleInput, userIdInput } from './auth-schema.ts';

/** An admin's change to one account, answered with what was done and to whom (the team page's message). */
function accountChange<Input, Done extends string>(
  done: Done,
  change: (db: Kysely<Database>, input: Input, actor: Actor) => Promise<{ username: string }>,
) {
  return adminHandler(`team.${done}`, async (input: Input, admin) => {
    const user = await change(await getDb(), input, actorOf(admin));
    return { done, username: user.username };
  });
}

type UserId = z.infer<typeof userIdInput>;

export const create = formAction(createUserInput, accountChange('create', createUser));

export const disable = formAction(
  userIdInput,
  accountChange('disable', (db, { userId }: UserId, actor) => disableUser(db, userId, actor)),
);

export const enable = formAction(
  userIdInput,
  accountChange('enable', (db, { userId }: UserId, actor) => enableUser(db, userId, actor)),
);

export const setRole = formAction(
  setRoleInput,
  accountChange('role', (db, { userId, role }: z.infer<typeof setRoleInput>, actor) =>
    setUserRole(db, userId, role, actor),
  ),
);

export const resetPassword = formAction(
  resetPasswordInput,
  accountChange('reset', (db, { userId, password }: z.infer<typeof resetPasswordInput>, actor) =>
    resetUserPassword(db, userId, password, actor),
  ),
);
