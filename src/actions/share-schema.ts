import { z } from 'astro/zod';

/** Control characters, lone surrogates' replacement and NUL: nothing a person types on purpose. */
const UNREADABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/;
export const readable = (value: string) => !UNREADABLE.test(value);

export const HALL_OPENED = 1865;

function optionalText(max: number, tooLong: string) {
  return z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .refine(readable, { error: 'error.text.controlChars' })
    .nullish()
    .transform((v) => (v ? v : null));
}

/** The sharing form; every message is a catalogue key the page translates. */
export const shareInput = z.object({
  name: z
    .string({ error: 'error.name.required' })
    .trim()
    .min(1, { error: 'error.name.required' })
    .max(80, { error: 'error.name.tooLong' })
    .refine(readable, { error: 'error.text.controlChars' }),
  email: z
    .string({ error: 'error.email.required' })
    .trim()
    .min(1, { error: 'error.email.required' })
    .max(254, { error: 'error.email.invalid' })
    .pipe(z.email({ error: 'error.email.invalid' })),
  title: optionalText(120, 'error.title.tooLong'),
  body: z
    .string({ error: 'error.body.required' })
    .max(10_000, { error: 'error.body.tooLong' })
    .refine((v) => v.trim().length > 0, { error: 'error.body.required' })
    .refine(readable, { error: 'error.text.controlChars' }),
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
  /** The honeypot: hidden from people, filled in by robots. */
  website: z.string().nullish(),
});

export type ShareInput = z.infer<typeof shareInput>;
