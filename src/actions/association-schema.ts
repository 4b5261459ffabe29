import { z } from 'astro/zod';
import { hasBidiControl, hasVisibleText } from '../lib/sanitize/visible.ts';
import { PUBLISHER_MAX_LENGTH } from '../lib/association/publisher.ts';
import { readable } from './share-schema.ts';
import { MAX_PLACE } from '../lib/moderation/flash.ts';

/** A contact message's longest text: a letter, not a book. */
export const CONTACT_MAX_LENGTH = 5000;

const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** Text shown to the public or the team: readable, no direction overrides; one line unless `lines`. */
function text(max: number, messages: { required?: string; tooLong: string }, lines = false) {
  let field = z.string({ error: messages.required ?? messages.tooLong }).trim();
  if (messages.required) field = field.min(1, { error: messages.required });
  return field
    .max(max, { error: messages.tooLong })
    .refine((v) => !messages.required || hasVisibleText(v), { error: messages.required })
    .refine(readable, { error: 'error.text.controlChars' })
    .refine((v) => lines || !LINE_BREAK.test(v), { error: 'error.text.lineBreak' })
    .refine((v) => !hasBidiControl(v), { error: 'error.text.bidi' });
}

const email = (required: string | null) =>
  z
    .string({ error: required ?? 'error.email.invalid' })
    .trim()
    .max(254, { error: 'error.email.invalid' })
    .refine((v) => (required ? v.length > 0 : true), { error: required ?? 'error.email.invalid' })
    .refine((v) => v === '' || z.email().safeParse(v).success, { error: 'error.email.invalid' });

/** The first admin's form on the one-time setup page. */
export const setupInput = z
  .object({
    token: z.string().max(64),
    username: z
      .string({ error: 'team.error.usernameRequired' })
      .trim()
      .min(1, { error: 'team.error.usernameRequired' }),
    password: z
      .string({ error: 'auth.error.passwordRequired' })
      .min(1, { error: 'auth.error.passwordRequired' })
      .max(256, { error: 'auth.error.passwordTooLong' }),
    confirm: z.string().nullish(),
  })
  .refine((v) => v.password === v.confirm, { error: 'auth.error.passwordMismatch', path: ['confirm'] });

const publisherField = (lines = false) =>
  text(PUBLISHER_MAX_LENGTH, { tooLong: 'publisher.error.tooLong' }, lines)
    .nullish()
    .transform((v) => v ?? '');

/** The publisher's details; any may be left empty for now (the moderation pages keep reminding). */
export const publisherInput = z.object({
  organisation: publisherField(),
  postalAddress: publisherField(true),
  director: publisherField(),
  contactEmail: email(null)
    .nullish()
    .transform((v) => v ?? ''),
  hostName: publisherField(),
  hostAddress: publisherField(true),
});

/** The contact form; `website` is the honeypot, a field people never see. */
export const contactInput = z.object({
  name: text(80, { required: 'error.name.required', tooLong: 'error.name.tooLong' }),
  email: email('error.email.required'),
  message: text(CONTACT_MAX_LENGTH, { required: 'contact.error.required', tooLong: 'contact.error.tooLong' }, true),
  website: z.string().max(500).nullish(),
});

const positiveId = (message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
    z.number({ error: message }).int().positive({ error: message }),
  );

export const markContactInput = z.object({
  id: positiveId('contact.error.notFound'),
  read: z.enum(['1', '0']).transform((v) => v === '1'),
});

/** The journal rows of the decisions to take back (the queue's "Annuler" sends each it made). */
export const revertInput = z.object({
  events: z.preprocess(
    (v) => (Array.isArray(v) ? v : typeof v === 'string' ? v.split(',') : v),
    z.array(positiveId('moderation.error.notFound')).min(1).max(100),
  ),
  /** Where the form was: the queue answers with its list, the journal with its page. */
  from: z.enum(['queue', 'journal']).nullish(),
  /** Where in the queue's list the message offering it was: the queue answers there again. */
  place: z.number().int().min(0).max(MAX_PLACE).optional(),
});
