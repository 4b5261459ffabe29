import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { dismissReports as dismiss } from '../lib/reports/dismiss.ts';
import { DecisionError } from '../lib/moderation/decisions.ts';
import { REPORT_TARGETS } from '../lib/reports/reasons.ts';
import { decideInput } from './moderation-schema.ts';

/** The same fields as a decision (the "Signalés" tab posts one form to either), without the decision. */
const dismissInput = z.object({
  targetType: z.enum(REPORT_TARGETS, { error: 'moderation.error.invalid' }),
  ids: decideInput.shape.ids,
  reason: decideInput.shape.reason,
});

/**
 * A moderator keeps reported items published: their reports are resolved and a hidden item is
 * shown again, each with its audit row. The result counts like a decision's, for the flash.
 */
export const dismissReports = defineAction({
  accept: 'form',
  input: dismissInput,
  handler: async (input, context) => {
    const user = requireActionUser(context);
    const db = await getDb();
    let done = 0;
    let conflicts = 0;
    let refused = 0;
    for (const id of new Set(input.ids)) {
      try {
        await dismiss(db, { targetType: input.targetType, id, actor: { id: user.id, label: user.username }, reason: input.reason });
        done += 1;
      } catch (error) {
        if (!(error instanceof DecisionError)) {
          console.error('[moderation] dismissing reports failed:', error);
          throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'moderation.error.generic' });
        }
        if (error.code === 'conflict') conflicts += 1;
        else refused += 1;
      }
    }
    if (input.ids.length === 1 && done === 0) {
      throw new ActionError({ code: conflicts ? 'CONFLICT' : 'NOT_FOUND', message: conflicts ? 'report.error.settled' : 'moderation.error.notFound' });
    }
    return { decision: 'dismiss' as const, done, conflicts, refused };
  },
});
