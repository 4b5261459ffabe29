import { ActionError } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { editContribution } from '../lib/contributions/edit.ts';
import type { ModeratorEdits } from '../lib/contributions/edit.ts';
import type { ContributionKind } from '../lib/contributions/kinds.ts';
import { DecisionError } from '../lib/moderation/decisions.ts';
import type { DecisionErrorCode } from '../lib/moderation/decisions.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import type { MessageKey } from '../lib/i18n/index.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';

/** What every edit form sends, once validated; each kind's own fields come apart (`ModeratorEdits`). */
interface EditInput {
  id: number;
  body: string;
  /** `updated_at` in ms when the form was opened. */
  expectedUpdatedAt?: number | undefined;
  reason: string | null;
}

const REFUSALS: Record<
  ContributionKind,
  Record<DecisionErrorCode, { code: ActionError['code']; message: MessageKey }>
> = {
  souvenir: {
    conflict: { code: 'CONFLICT', message: 'moderation.edit.conflict' },
    not_allowed: { code: 'BAD_REQUEST', message: 'moderation.edit.withdrawn' },
    not_found: { code: 'NOT_FOUND', message: 'moderation.error.notFound' },
  },
  comment: {
    conflict: { code: 'CONFLICT', message: 'moderation.comment.edit.conflict' },
    not_allowed: { code: 'BAD_REQUEST', message: 'moderation.comment.edit.withdrawn' },
    not_found: { code: 'NOT_FOUND', message: 'moderation.comment.error.notFound' },
  },
};

/**
 * A moderator's correction of a contribution (re-sanitised, logged with before and after), for
 * the edit Action of each kind. Refusals become Action errors whose message is a catalogue key.
 */
export async function editAsModerator<K extends ContributionKind>(
  kind: K,
  user: SessionUser,
  input: EditInput,
  own: ModeratorEdits[K],
): Promise<{ id: number; changed: boolean }> {
  try {
    const result = await editContribution(await getDb(), kind, {
      ...own,
      id: input.id,
      actor: { id: user.id, label: user.username },
      body: input.body,
      expectedUpdatedAt: input.expectedUpdatedAt === undefined ? null : new Date(input.expectedUpdatedAt),
      reason: input.reason,
    });
    return { id: input.id, changed: result.changed };
  } catch (error) {
    if (error instanceof SanitizeError) throw new ActionError({ code: 'BAD_REQUEST', message: 'error.body.unsafe' });
    if (error instanceof DecisionError) throw new ActionError(REFUSALS[kind][error.code]);
    console.error(`[moderation] ${kind} edit failed:`, error);
    throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'error.generic' });
  }
}
