import { formAction } from './form-action.ts';
import { fileReport } from '../lib/reports/file-report.ts';
import { visitorHandler } from './visitor-handler.ts';
import { reportInput } from './report-schema.ts';

/**
 * A visitor reports an approved souvenir or comment. A second report of the same item by the
 * same visitor is an answer ("already reported"), not an error; the visitor never learns whether
 * theirs hid the item.
 */
export const report = formAction(
  reportInput,
  visitorHandler('report', async (input, { db, ipHash, settings: readSettings }) => {
    const settings = await readSettings();
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
  }),
);
