import { getDb } from '../lib/runtime.ts';
import { editContribution } from '../lib/contributions/edit.ts';
import type { ModeratorEdits } from '../lib/contributions/edit.ts';
import type { ContributionKind } from '../lib/contributions/kinds.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { refusedIn, toActionError } from './errors.ts';

/** What every edit form sends, once validated; each kind's own fields come apart (`ModeratorEdits`). */
interface EditInput {
  id: number;
  name: string;
  body: string;
  /** `updated_at` in ms when the form was opened. */
  expectedUpdatedAt?: number | undefined;
  reason: string | null;
}

/**
 * A moderator's correction of a contribution (re-sanitised, logged with before and after), for
 * the edit Action of each kind. Refusals are answered from errors.ts, in the kind's words.
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
      authorName: input.name,
      body: input.body,
      expectedUpdatedAt: input.expectedUpdatedAt === undefined ? null : new Date(input.expectedUpdatedAt),
      reason: input.reason,
    });
    return { id: input.id, changed: result.changed };
  } catch (error) {
    throw toActionError(refusedIn('edit', kind, error), `moderation: ${kind} edit`);
  }
}
