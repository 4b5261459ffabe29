import { z } from 'astro/zod';
import { MAX_SOUVENIR_LENGTH } from '../lib/souvenirs/create-souvenir.ts';
import { hasBidiControl, hasVisibleText } from '../lib/sanitize/visible.ts';
import { bodyLength } from '../lib/writing/body-length.ts';
import { emailAddress } from './fields.ts';

/** C0 and C1 controls, lone surrogates' replacement and NUL: nothing a person types on purpose. */
const UNREADABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
export const readable = (value: string) => !UNREADABLE.test(value);

/** Line ends, Unicode's own included: a name, a title or an event is shown on one line. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** What every one-line field refuses (a name, a title, an event): see visible.ts for the bidi controls. */
function oneLine(field: z.ZodString) {
  return field
    .refine(readable, { error: 'error.text.controlChars' })
    .refine((v) => !LINE_BREAK.test(v), { error: 'error.text.lineBreak' })
    .refine((v) => !hasBidiControl(v), { error: 'error.text.bidi' });
}

/**
 * False when the text can only sanitise to nothing: no visible character outside its tags. A
 * character reference (`&#8203;`) or an element whose content the sanitiser drops can still empty
 * it; the sanitiser's own check (sanitizeContributionBody) refuses those.
 */
function mayShowText(value: string): boolean {
  const outsideTags = value.replace(/<[^>]*>?/g, '');
  return outsideTags.includes('&') || hasVisibleText(outsideTags);
}

/** A contribution's text, with the messages of its kind ("Votre souvenir semble vide"…). */
export function contributionBody(max: number, messages: { required: string; tooLong: string; empty: string }) {
  return z
    .string({ error: messages.required })
    .refine((v) => bodyLength(v) <= max, { error: messages.tooLong })
    .refine((v) => v.trim().length > 0, { error: messages.required })
    .refine(readable, { error: 'error.text.controlChars' })
    .refine((v) => v.trim().length === 0 || mayShowText(v), { error: messages.empty });
}

export const HALL_OPENED = 1865;

/** A one-line field one may leave out: made only of invisible characters (zero-width spaces…), it is left out. */
function optionalText(max: number, tooLong: string) {
  return oneLine(z.string().trim().max(max, { error: tooLong }))
    .nullish()
    .transform((v) => (v && hasVisibleText(v) ? v : null));
}

/** The sharing form; every message is a catalogue key the page translates. */
export const shareInput = z.object({
  name: oneLine(
    z
      .string({ error: 'error.name.required' })
      .trim()
      .min(1, { error: 'error.name.required' })
      .max(80, { error: 'error.name.tooLong' }),
  ).refine(hasVisibleText, { error: 'error.name.required' }),
  email: emailAddress({ required: 'error.email.required', invalid: 'error.email.invalid' }),
  title: optionalText(120, 'error.title.tooLong'),
  body: contributionBody(MAX_SOUVENIR_LENGTH, {
    required: 'error.body.required',
    tooLong: 'error.body.tooLong',
    empty: 'error.body.empty',
  }),
  // A preprocess, not z.number(): Astro would turn an empty field into 0 rather than null.
  year: z.preprocess(
    (v) => (v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? null : Number(v)),
    z
      .number({ error: 'error.year.invalid' })
      .int({ error: 'error.year.invalid' })
      .min(HALL_OPENED, { error: 'error.year.invalid' })
      .refine((y) => y <= new Date().getFullYear(), { error: 'error.year.invalid' })
      .nullable(),
  ),
  event: optionalText(120, 'error.event.tooLong'),
  consent: z.boolean().refine((v) => v, { error: 'error.consent.required' }),
  /** "Tell me about replies": a subscription, confirmed by a link in the *received* message. */
  notify: z.boolean().optional(),
  /** The honeypot: hidden from people, filled in by robots. */
  website: z.string().nullish(),
});

export type ShareInput = z.infer<typeof shareInput>;
