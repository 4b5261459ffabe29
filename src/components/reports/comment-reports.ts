import { reportTargetKey } from './report-state.ts';
import type { ReportFormError } from './report-state.ts';

/**
 * `?signaler=<publicId>`: the comment whose report form a souvenir's page shows. Every comment
 * carried a whole form before, fifty of them 103 kB of a 174 kB page (issue 19); now each has a
 * link to this address, which works without JavaScript and is never kept by the page cache
 * (cache-policy.ts caches the bare address only).
 */
export const REPORT_OPEN_PARAM = 'signaler';

/** What a comment list needs to offer "Signaler" under each comment. */
export interface CommentReports {
  /** Where a report form posts: the souvenir's page with the report Action's query. */
  action: string;
  /** The refusal of one of the forms: that comment's form is shown, open, with it. */
  error: ReportFormError | null;
  /** The comment named by `?signaler=`, whose form is shown open. */
  open?: string | null | undefined;
}

/** One comment's "Signaler": its form (open) or a link to the page that shows it. */
export interface CommentReport {
  action: string;
  error: ReportFormError | null;
  open: boolean;
  href: string;
}

/** The "Signaler" of the comment `publicId`, on the souvenir page at `pagePath`. */
export function commentReport(reports: CommentReports, pagePath: string, publicId: string): CommentReport {
  const key = reportTargetKey('comment', publicId);
  return {
    action: reports.action,
    error: reports.error,
    open: reports.open === publicId || reports.error?.targetKey === key,
    href: `${pagePath}?${REPORT_OPEN_PARAM}=${encodeURIComponent(publicId)}#signaler-${key}`,
  };
}
