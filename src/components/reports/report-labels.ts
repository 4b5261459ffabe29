import type { MessageKey } from '../../lib/i18n/index.ts';
import type { ReportReason, ReportTargetType } from '../../../db/types.ts';

/** Each reason a visitor may give, in words (the report form and the reports queue). */
export const REPORT_REASON_LABELS: Record<ReportReason, MessageKey> = {
  offensive: 'report.reason.offensive',
  personal_data: 'report.reason.personal_data',
  false: 'report.reason.false',
  spam: 'report.reason.spam',
  other: 'report.reason.other',
};

/** What the report form says of the thing it reports: a souvenir or a comment. */
export const REPORT_FORM_LABELS: Record<ReportTargetType, { summary: MessageKey; question: MessageKey }> = {
  souvenir: { summary: 'report.summary.souvenir', question: 'report.question.souvenir' },
  comment: { summary: 'report.summary.comment', question: 'report.question.comment' },
};
