import { ActionError, defineAction } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { decideMany } from '../lib/contributions/decide.ts';
import { DecisionError } from '../lib/moderation/decisions.ts';
import type { ContributionKind, ContributionStatus } from '../lib/contributions/kinds.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { decideInput, editSouvenirInput } from './moderation-schema.ts';
import { settleSelection, tally } from './selection.ts';
import { editAsModerator } from './moderator-edit.ts';

const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });

/** The message a moderator reads when a decision on one item was refused (comments have their own words). */
function refusal(
  code: DecisionError['code'],
  status: ContributionStatus | null,
  targetType: ContributionKind = 'souvenir',
): ActionError {
  const prefix = targetType === 'comment' ? 'moderation.comment' : 'moderation';
  if (code === 'conflict' && status)
    return new ActionError({ code: 'CONFLICT', message: `${prefix}.conflict.${status}` });
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
    const outcomes = await settleSelection('decision', async () =>
      decideMany(await getDb(), {
        targetType: input.targetType,
        ids: input.ids,
        decision: input.decision,
        actor: actorOf(user),
        reason: input.reason,
        ...(input.expectedStatus ? { expectedStatus: input.expectedStatus } : {}),
      }),
    );
    const only = outcomes.length === 1 ? outcomes[0]! : null;
    if (only && only.outcome !== 'done') throw refusal(only.outcome, only.status, input.targetType);
    return { decision: input.decision, ...tally(outcomes), outcomes };
  },
});

/** A moderator's correction of a souvenir's title or text (re-sanitised, logged with before and after). */
export const editSouvenir = defineAction({
  accept: 'form',
  input: editSouvenirInput,
  handler: (input, context) => editAsModerator('souvenir', requireActionUser(context), input, { title: input.title }),
});
