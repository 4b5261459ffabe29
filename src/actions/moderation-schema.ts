import { z } from 'astro/zod';
import { DECISIONS } from '../lib/moderation/decisions.ts';
import { CONTRIBUTION_STATUSES, CONTRIBUTION_KINDS } from '../lib/contributions/kinds.ts';
import { readable, shareInput } from './share-schema.ts';
import { MAX_PLACE } from '../lib/moderation/flash.ts';

/** Largest selection one bulk decision takes: a page of the queue, with room to spare. */
export const MAX_BULK = 100;

/** The most reports one item's form sends back (one per visitor: far more than any item gathers before a moderator sees it). */
const MAX_REPORTS_SHOWN = 5_000;

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

/**
 * `<id>:<ms>` pairs as the versions read, by id; none sent, undefined. Astro reads a list field a
 * form left out as an empty list: a script's decision (no versions) must not read as "versions
 * sent, none for this item", which decideMany refuses.
 */
function readVersions(pairs: readonly string[]): ReadonlyMap<number, Date> | undefined {
  if (pairs.length === 0) return undefined;
  return new Map(
    pairs.map((pair) => pair.split(':').map(Number) as [number, number]).map(([id, ms]) => [id, new Date(ms)]),
  );
}

/** One decision on one item (`ids` once) or on a selection (`ids` repeated); messages are catalogue keys. */
export const decideInput = z
  .object({
    targetType: z.enum(CONTRIBUTION_KINDS, { error: 'moderation.error.invalid' }).default('souvenir'),
    ids: z
      .array(rowId, { error: 'moderation.error.noSelection' })
      .min(1, { error: 'moderation.error.noSelection' })
      .max(MAX_BULK, { error: 'moderation.error.tooMany' }),
    decision: z.enum(DECISIONS, { error: 'moderation.error.decision' }),
    /** The status shown when the moderator decided; absent means "whatever it is now". */
    expectedStatus: z.enum(CONTRIBUTION_STATUSES, { error: 'moderation.error.invalid' }).optional(),
    /**
     * Each item's text as the moderator read it, `<id>:<updated_at in ms>` (its form and the bulk bar
     * send one per item shown): an item whose text changed since is left as it is (decisions.ts).
     */
    // Optional outside the transform: Astro reads a form field as a list only when it sees the array
    // through optional, then the pipe (formDataToObject), in that order.
    versions: z
      .array(z.string().regex(/^\d{1,10}:\d{1,15}$/, { error: 'moderation.error.invalid' }), {
        error: 'moderation.error.invalid',
      })
      .max(MAX_BULK * 2, { error: 'moderation.error.tooMany' })
      .transform(readVersions)
      .optional(),
    reason,
    /** A sentence for the author, sent with the *decision* message (the reason stays in the journal). */
    note: reason,
    /** The item's place in the list shown (its form sends it): the queue answers there. */
    place: z
      .number({ error: 'moderation.error.invalid' })
      .int({ error: 'moderation.error.invalid' })
      .min(0, { error: 'moderation.error.invalid' })
      .max(MAX_PLACE, { error: 'moderation.error.invalid' })
      .optional(),
    /** Approving a souvenir: put it on the venue's screen too (issue 21). */
    onScreen: z.boolean().optional(),
    /**
     * Sent by the reports tab, one item at a time: the decision is for the reports it showed
     * (decisions.ts, `reportsSeen`). Astro reads an absent list as empty: empty means not sent.
     */
    reportsSeen: z
      .array(rowId, { error: 'moderation.error.invalid' })
      .max(MAX_REPORTS_SHOWN, { error: 'moderation.error.invalid' })
      .optional(),
  })
  .refine((input) => !input.reportsSeen?.length || input.ids.length === 1, {
    error: 'moderation.error.invalid',
    path: ['reportsSeen'],
  });

export const editSouvenirInput = z.object({
  id: rowId,
  name: shareInput.shape.name,
  title: shareInput.shape.title,
  year: shareInput.shape.year,
  event: shareInput.shape.event,
  body: shareInput.shape.body,
  /** `updated_at` in ms when the form was opened. */
  expectedUpdatedAt: z
    .number({ error: 'moderation.error.invalid' })
    .int({ error: 'moderation.error.invalid' })
    .nonnegative({ error: 'moderation.error.invalid' })
    .optional(),
  reason,
});
