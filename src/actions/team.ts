import { defineAction } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import {
  createUser,
  disableUser,
  enableUser,
  resetPassword as resetUserPassword,
  setRole as setUserRole,
} from '../lib/auth/users.ts';
import { actorOf } from './user-errors.ts';
import { toActionError } from './errors.ts';
import { createUserInput, resetPasswordInput, setRoleInput, userIdInput } from './auth-schema.ts';

// Admins only, checked in every handler: Actions are public endpoints.

export const create = defineAction({
  accept: 'form',
  input: createUserInput,
  handler: async (input, context) => {
    const admin = requireActionUser(context, 'admin');
    try {
      const user = await createUser(await getDb(), input, actorOf(admin));
      return { done: 'create' as const, username: user.username };
    } catch (error) {
      throw toActionError(error, 'team.create');
    }
  },
});

export const disable = defineAction({
  accept: 'form',
  input: userIdInput,
  handler: async (input, context) => {
    const admin = requireActionUser(context, 'admin');
    try {
      const user = await disableUser(await getDb(), input.userId, actorOf(admin));
      return { done: 'disable' as const, username: user.username };
    } catch (error) {
      throw toActionError(error, 'team.disable');
    }
  },
});

export const enable = defineAction({
  accept: 'form',
  input: userIdInput,
  handler: async (input, context) => {
    const admin = requireActionUser(context, 'admin');
    try {
      const user = await enableUser(await getDb(), input.userId, actorOf(admin));
      return { done: 'enable' as const, username: user.username };
    } catch (error) {
      throw toActionError(error, 'team.enable');
    }
  },
});

export const setRole = defineAction({
  accept: 'form',
  input: setRoleInput,
  handler: async (input, context) => {
    const admin = requireActionUser(context, 'admin');
    try {
      const user = await setUserRole(await getDb(), input.userId, input.role, actorOf(admin));
      return { done: 'role' as const, username: user.username };
    } catch (error) {
      throw toActionError(error, 'team.role');
    }
  },
});

export const resetPassword = defineAction({
  accept: 'form',
  input: resetPasswordInput,
  handler: async (input, context) => {
    const admin = requireActionUser(context, 'admin');
    try {
      const user = await resetUserPassword(await getDb(), input.userId, input.password, actorOf(admin));
      return { done: 'reset' as const, username: user.username };
    } catch (error) {
      throw toActionError(error, 'team.reset');
    }
  },
});
