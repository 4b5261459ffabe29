import type { MessageKey } from '../../lib/i18n/index.ts';
import type { Role } from '../../lib/auth/session-user.ts';

/** A role in words; a role without a sentence, or a sentence deleted, fails to compile. */
export const ROLE_LABELS: Record<Role, MessageKey> = {
  admin: 'team.role.admin',
  moderator: 'team.role.moderator',
};
