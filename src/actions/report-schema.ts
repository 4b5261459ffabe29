import { z } from 'astro/zod';
import { REPORT_NOTE_MAX, REPORT_REASONS, REPORT_TARGETS } from '../lib/reports/reasons.ts';
import { readable } from './share-schema.ts';
import { PUBLIC_ID } from '../lib/security/tokens.ts';

/** The "Signaler" form under a souvenir or a comment; messages are catalogue keys. */
export const reportInput = z.object({
  targetType: z.enum(REPORT_TARGETS, { error: 'report.error.gone' }),
  target: z.string({ error: 'report.error.gone' }).regex(PUBLIC_ID, { error: 'report.error.gone' }),
  reason: z.enum(REPORT_REASONS, { error: 'report.error.reason' }),
  note: z
    .string()
    .max(REPORT_NOTE_MAX, { error: 'report.error.noteTooLong' })
    .refine(readable, { error: 'error.text.controlChars' })
    .nullish()
    .transform((v) => (v?.trim() ? v : null)),
});

export type ReportInput = z.infer<typeof reportInput>;
