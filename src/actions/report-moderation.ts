import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { dismissReports as dismiss } from '../lib/reports/dismiss.ts';
import { settleEach } from '../lib/contributions/decide.ts';
import { decisionEventIds } from '../lib/contributions/revert.ts';
import { REPORT_TARGETS } from '../lib/reports/reasons.ts';
import { decideInput } from './moderation-schema.ts';
import { refuseLoneItem, settleSelection, tally } from './selection.ts';
import { actorOf } from './admin-handler.ts';

/** The same fields as a decision (the "Signalés" tab posts one form to either), without the decision. */
const dismissInput = z
  .object({
    targetType: z.enum(REPORT_TARGETS, { error: 'moderation.error.invalid' }),
    ids: decideInput.shape.ids,
    reason: decideInput.shape.reason,
    reportsSeen: decideInput.shape.reportsSeen,
  })
  .refine((input) => !input.reportsSeen?.length || input.ids.length === 1, {
    error: 'moderation.error.invalid',
    path: ['reportsSeen'],
  });

/**
 * A moderator keeps reported items published: their reports are resolved and a hidden item is
 * shown again, each with its audit row. The result counts like a decision's, for the flash.
 */
export const dismissReports = formAction(dismissInput, async (input, context) => {
  const user = requireActionUser(context);
  const actor = actorOf(user);
  const db = await getDb();
  const outcomes = await settleSelection('dismissing reports', () =>
    settleEach(input.ids, (id) =>
      dismiss(db, {
        targetType: input.targetType,
        id,
        actor,
        reason: input.reason,
        ...(input.reportsSeen?.length ? { reportsSeen: input.reportsSeen } : {}),
      }),
    ),
  );
  await refuseLoneItem(outcomes, 'dismissal', () => input.targetType);
  // The journal rows of what was just done, for the tab's "Annuler" (a few seconds), as a decision's.
  const done = outcomes.filter((o) => o.outcome === 'done').map((o) => o.id);
  const undo = await decisionEventIds(db, input.targetType, done, 'reports.dismiss', actor);
  return { decision: 'dismiss' as const, ...tally(outcomes), undo };
});
