import type { SessionUser } from '../lib/auth/guard.ts';

// Account refusals are answered from errors.ts's tables, like every Action's; re-exported for
// the Actions that still import it from here.
export { toActionError } from './errors.ts';

export const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });
