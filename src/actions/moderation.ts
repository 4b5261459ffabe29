import { defineAction } from 'astro:actions';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { decideMany } from '../lib/contributions/decide.ts';
import type { SessionUser } from '../lib/auth/guard.ts';
import { decideInput, editSouvenirInput } from './moderation-schema.ts';
import { settleSelection, tally } from './selection.ts';
import { editAsModerator } from './moderator-edit.ts';
import { StepRefused, toActionError } from './errors.ts';

const actorOf = (user: SessionUser) => ({ id: user.id, label: user.username });

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
    if (only && only.outcome !== 'done')
      throw toActionError(new StepRefused('decision', input.targetType, only.outcome, only.status), 'moderation');
    return { decision: input.decision, ...tally(outcomes), outcomes };
  },
});

/** A moderator's correction of a souvenir's title or text (re-sanitised, logged with before and after). */
export const editSouvenir = defineAction({
  accept: 'form',
  input: editSouvenirInput,
  handler: (input, context) => editAsModerator('souvenir', requireActionUser(context), input, { title: input.title }),
});
