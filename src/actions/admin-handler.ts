import { requireActionUser } from '../lib/auth/guard.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { toActionError } from './errors.ts';

/** A member of the team as the audit log records them. */
export const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });

/**
 * A handler whose failures are answered from errors.ts (a domain refusal becomes its status and
 * message, anything else a logged "try again later"), logged under `where`. For Actions anyone
 * may call with what they were given: the author's private link, the consent page.
 */
export function answeredHandler<Input, Output, Context = unknown>(
  where: string,
  run: (input: Input, context: Context) => Promise<Output>,
) {
  return async (input: Input, context: Context): Promise<Output> => {
    try {
      return await run(input, context);
    } catch (error) {
      throw toActionError(error, where);
    }
  };
}

/**
 * The handler of an Action for the signed-in team (admins only when `role` is 'admin'): the
 * session is checked in the handler itself (Actions are public endpoints), then as
 * answeredHandler. `run` gets the Action's context when it needs more than the user (cookies, the URL).
 */
export function teamHandler<Input, Output, Context extends { locals: App.Locals } = { locals: App.Locals }>(
  where: string,
  run: (input: Input, user: SessionUser, context: Context) => Promise<Output>,
  role?: 'admin',
) {
  return answeredHandler(where, (input: Input, context: Context) =>
    run(input, requireActionUser(context, role), context),
  );
}

/** The handler of an admin-only Action (see teamHandler). */
export function adminHandler<Input, Output>(where: string, run: (input: Input, admin: SessionUser) => Promise<Output>) {
  return teamHandler(where, run, 'admin');
}
