import { ActionError, defineAction } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { decideMany } from '../lib/moderation/decide-many.ts';
import { editSouvenir as editSouvenirText } from '../lib/moderation/edit-souvenir.ts';
import { DecisionError } from '../lib/moderation/souvenir-decisions.ts';
import type { QueueStatus, QueueTarget } from '../lib/moderation/targets.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { SanitizeError } from '../lib/sanitize/sanitize.ts';
import { decideInput, editSouvenirInput } from './moderation-schema.ts';

const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });

/** The message a moderator reads when a decision on one item was refused (comments have their own words). */
function refusal(code: DecisionError['code'], status: QueueStatus | null, targetType: QueueTarget = 'souvenir'): ActionError {
  const prefix = targetType === 'comment' ? 'moderation.comment' : 'moderation';
  if (code === 'conflict' && status) return new ActionError({ code: 'CONFLICT', message: `${prefix}.conflict.${status}` });
  if (code === 'not_found') return new ActionError({ code: 'NOT_FOUND', message: `${prefix}.error.notFound` });
  return new ActionError({ code: 'BAD_REQUEST', message: `${prefix}.error.notAllowed` });
}

/**
 * Applies one decision to one or several queue items. With one item a refusal is an error
 * (409 for a conflict, naming the status it now has); with several, each item is decided on
 * its own and the result counts what was done and what was left as it was.
 */
export const decide = defineAction({
  accept: 'form',
  input: decideInput,
  handler: async (input, context) => {
    const user = requireActionUser(context);
    let outcomes;
    try {
      outcomes = await decideMany(await getDb(), {
        targetType: input.targetType,
        ids: input.ids,
        decision: input.decision,
        actor: actorOf(user),
        reason: input.reason,
        ...(input.expectedStatus ? { expectedStatus: input.expectedStatus } : {}),
      });
    } catch (error) {
      console.error('[moderation] decision failed:', error);
      throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'moderation.error.generic' });
    }
    const only = outcomes.length === 1 ? outcomes[0]! : null;
    if (only && only.outcome !== 'done') throw refusal(only.outcome, only.status, input.targetType);
    return {
      decision: input.decision,
      done: outcomes.filter((o) => o.outcome === 'done').length,
      conflicts: outcomes.filter((o) => o.outcome === 'conflict').length,
      refused: outcomes.filter((o) => o.outcome === 'not_allowed' || o.outcome === 'not_found').length,
      outcomes,
    };
  },
});

/** A moderator's correction of a souvenir's title or text (re-sanitised, logged with before and after). */
export const editSouvenir = defineAction({
  accept: 'form',
  input: editSouvenirInput,
  handler: async (input, context) => {
    const user = requireActionUser(context);
    const db = await getDb();
    try {
      const result = await editSouvenirText(db, {
        id: input.id,
        actor: actorOf(user),
        title: input.title,
        body: input.body,
        expectedUpdatedAt: input.expectedUpdatedAt === undefined ? null : new Date(input.expectedUpdatedAt),
        reason: input.reason,
      });
      return { id: input.id, changed: result.changed };
    } catch (error) {
      if (error instanceof SanitizeError) {
        throw new ActionError({ code: 'BAD_REQUEST', message: 'error.body.unsafe' });
      }
      if (error instanceof DecisionError) {
        if (error.code === 'conflict') throw new ActionError({ code: 'CONFLICT', message: 'moderation.edit.conflict' });
        if (error.code === 'not_allowed') throw new ActionError({ code: 'BAD_REQUEST', message: 'moderation.edit.withdrawn' });
        throw refusal(error.code, error.currentStatus);
      }
      console.error('[moderation] edit failed:', error);
      throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'error.generic' });
    }
  },
});
