import { z } from 'astro/zod';
import { DECISIONS } from '../lib/moderation/decisions.ts';
import { CONTRIBUTION_STATUSES, CONTRIBUTION_KINDS } from '../lib/contributions/kinds.ts';
import { readable, shareInput } from './share-schema.ts';

/** Largest selection one bulk decision takes: a page of the queue, with room to spare. */
export const MAX_BULK = 100;

const rowId = z
  .number({ error: 'moderation.error.invalid' })
  .int({ error: 'moderation.error.invalid' })
  .min(1, { error: 'moderation.error.invalid' })
  .max(2_147_483_647, { error: 'moderation.error.invalid' });

const reason = z
  .string()
  .trim()
  .max(500, { error: 'moderation.error.reasonTooLong' })
  .refine(readable, { error: 'error.text.controlChars' })
  .nullish()
  .transform((v) => (v ? v : null));

/** One decision on one item (`ids` once) or on a selection (`ids` repeated); messages are catalogue keys. */
export const decideInput = z.object({
  targetType: z.enum(CONTRIBUTION_KINDS, { error: 'moderation.error.invalid' }).default('souvenir'),
  ids: z
    .array(rowId, { error: 'moderation.error.noSelection' })
    .min(1, { error: 'moderation.error.noSelection' })
    .max(MAX_BULK, { error: 'moderation.error.tooMany' }),
  decision: z.enum(DECISIONS, { error: 'moderation.error.decision' }),
  /** The status shown when the moderator decided; absent means "whatever it is now". */
  expectedStatus: z.enum(CONTRIBUTION_STATUSES, { error: 'moderation.error.invalid' }).optional(),
  /** One item's `updated_at` in ms when it was shown: its text must not have changed since. */
  expectedUpdatedAt: z
    .number({ error: 'moderation.error.invalid' })
    .int({ error: 'moderation.error.invalid' })
    .nonnegative({ error: 'moderation.error.invalid' })
    .optional(),
  reason,
  /** A sentence for the author, sent with the *decision* message (the reason stays in the journal). */
  note: reason,
  /** Approving a souvenir: put it on the venue's screen too (issue 21). */
  onScreen: z.boolean().optional(),
});

export const editSouvenirInput = z.object({
  id: rowId,
  title: shareInput.shape.title,
  body: shareInput.shape.body,
  /** `updated_at` in ms when the form was opened. */
  expectedUpdatedAt: z
    .number({ error: 'moderation.error.invalid' })
    .int({ error: 'moderation.error.invalid' })
    .nonnegative({ error: 'moderation.error.invalid' })
    .optional(),
  reason,
});
