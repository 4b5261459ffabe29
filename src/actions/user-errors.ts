import { ActionError } from 'astro:actions';
import { UserError } from '../lib/auth/users.ts';
import type { UserErrorCode } from '../lib/auth/users.ts';
import type { SessionUser } from '../lib/auth/guard.ts';

const STATUS: Record<UserErrorCode, ActionError['code']> = {
  not_found: 'NOT_FOUND',
  username_invalid: 'BAD_REQUEST',
  username_taken: 'CONFLICT',
  display_name_invalid: 'BAD_REQUEST',
  password_too_short: 'BAD_REQUEST',
  password_too_long: 'BAD_REQUEST',
  wrong_password: 'BAD_REQUEST',
  last_admin: 'CONFLICT',
  self: 'FORBIDDEN',
};

/** The Action error a page translates (message `team.error.<code>`), for a refused account change. */
export function toActionError(error: unknown, where: string): ActionError {
  if (error instanceof UserError) {
    return new ActionError({
      code: STATUS[error.code],
      message: `team.error.${error.code}`,
    });
  }
  console.error(`[${where}] account change failed:`, error);
  return new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'error.generic' });
}

export const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });
