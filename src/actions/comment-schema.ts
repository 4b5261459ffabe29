import { z } from 'astro/zod';
import { contributionBody, shareInput } from './share-schema.ts';
import { MAX_COMMENT_LENGTH } from '../lib/comments/create-comment.ts';
import { MAX_WEBSITE_LENGTH, normaliseWebsite } from '../lib/comments/website.ts';
import { PUBLIC_ID } from '../lib/security/tokens.ts';

const publicId = (error: string) => z.string({ error }).regex(PUBLIC_ID, { error });

/** The comment form under a souvenir; every message is a catalogue key the page translates. */
export const commentInput = z.object({
  souvenir: publicId('comment.error.closed'),
  /** The top-level comment answered; empty for a new thread. */
  parent: publicId('comment.error.parent')
    .nullish()
    .or(z.literal(''))
    .transform((v) => (v ? v : null)),
  name: shareInput.shape.name,
  email: shareInput.shape.email,
  website: z
    .string()
    .trim()
    .max(MAX_WEBSITE_LENGTH, { error: 'error.website.invalid' })
    .refine((v) => v === '' || normaliseWebsite(v) !== null, { error: 'error.website.invalid' })
    .nullish()
    .transform((v) => (v ? v : null)),
  body: contributionBody(MAX_COMMENT_LENGTH, {
    required: 'error.comment.required',
    tooLong: 'error.comment.tooLong',
    empty: 'error.comment.empty',
  }),
  notify: shareInput.shape.notify,
  /** The honeypot (`website` is a real field here): hidden from people, filled in by robots. */
  subject: z.string().nullish(),
});

export type CommentInput = z.infer<typeof commentInput>;

/** The honeypot's name, which the page leaves out when it puts the typed values back. */
export const COMMENT_HONEYPOT = 'subject';
