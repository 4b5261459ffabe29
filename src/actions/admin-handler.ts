import { requireActionUser } from '../lib/auth/guard.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { toActionError } from './errors.ts';

/** An admin as the audit log records them. */
export const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });

/**
 * The handler of an admin-only Action: the role is checked in the handler itself (Actions are
 * public endpoints), and whatever `run` throws is answered from errors.ts, logged under `where`.
 */
export function adminHandler<Input, Output>(where: string, run: (input: Input, admin: SessionUser) => Promise<Output>) {
  return async (input: Input, context: { locals: App.Locals }): Promise<Output> => {
    const admin = requireActionUser(context, 'admin');
    try {
      return await run(input, admin);
    } catch (error) {
      throw toActionError(error, where);
    }
  };
}
