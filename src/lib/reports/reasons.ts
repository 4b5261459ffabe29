import type { ReportReason, ReportTargetType } from '../../../db/types.ts';

/** The short list a visitor chooses from, in the order the form shows it. */
export const REPORT_REASONS = [
  'offensive',
  'personal_data',
  'false',
  'spam',
  'other',
] as const satisfies readonly ReportReason[];
export const REPORT_TARGETS = ['souvenir', 'comment'] as const satisfies readonly ReportTargetType[];
export const REPORT_NOTE_MAX = 500;

/** Control characters other than line breaks and tabs: nothing a person types on purpose. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/g;

/**
 * A visitor's note as plain text: normalised, line breaks unified, invisible controls dropped,
 * trimmed; null when nothing is left. It is never rendered as HTML (the queue escapes it).
 */
export function plainNote(note: string | null | undefined): string | null {
  const text = (note ?? '').normalize('NFC').replace(/\r\n?/g, '\n').replace(CONTROL, '').trim();
  return text ? text.slice(0, REPORT_NOTE_MAX) : null;
}
