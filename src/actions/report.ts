import { defineAction } from 'astro:actions';
import { getRuntime } from '../lib/runtime.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit } from '../lib/security/enforce-limit.ts';
import { getDiscussionSettings } from '../lib/rules/settings.ts';
import { fileReport } from '../lib/reports/file-report.ts';
import { toActionError } from './errors.ts';
import { reportInput } from './report-schema.ts';

/**
 * A visitor reports an approved souvenir or comment. A second report of the same item by the
 * same visitor is an answer ("already reported"), not an error; the visitor never learns whether
 * theirs hid the item.
 */
export const report = defineAction({
  accept: 'form',
  input: reportInput,
  handler: async (input, context) => {
    const runtime = await getRuntime();
    const db = runtime.handle.db;
    const ipHash = visitorIpHash(runtime, context);
    try {
      const settings = await getDiscussionSettings(db);
      await enforceRateLimit(db, 'report', ipHash, { settings, lifted: runtime.limitsLifted });
      const result = await fileReport(db, {
        targetType: input.targetType,
        publicId: input.target,
        reason: input.reason,
        note: input.note,
        ipHash,
        threshold: settings.reportThreshold,
      });
      // `hidden` only tells the page where to answer: a souvenir taken off the wall has no page left.
      return { targetType: input.targetType, target: input.target, outcome: result.outcome, hidden: result.hidden };
    } catch (error) {
      throw toActionError(error, 'report');
    }
  },
});
