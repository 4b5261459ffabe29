import { isMessageKey, t } from '../../lib/i18n/index.ts';
import { isBodyRefusal } from '../../lib/forms/body-refusals.ts';
import type { Locale, MessageKey } from '../../lib/i18n/index.ts';
import type { CommentThread } from '../../lib/comments/list-comments.ts';
import { refusalNotice } from '../../lib/security/too-many.ts';

/** An Action error as the page sees it: the first key per invalid field, or one message. */
export interface SubmitError {
  fields: Record<string, string | undefined> | null;
  message: string | null;
}

export interface CommentFormInput {
  error: SubmitError | null;
  /** What the visitor typed (honeypot left out), when the post was refused. */
  submitted: Record<string, string>;
  /** `?repondre=`: the comment the visitor chose to answer. */
  replyParam: string | null;
  /** `?commentaire=attente|publie` and `?c=<publicId>`, after the redirect that follows a post. */
  sentParam: string | null;
  sentId: string | null;
  threads: CommentThread[];
}

export interface CommentFormState {
  values: Record<string, string>;
  errors: Record<string, MessageKey>;
  formError: string | null;
  /** For the `Retry-After` header of a 429. */
  retryAfterSeconds: number | null;
  replyTo: { publicId: string; authorName: string } | null;
  sent: { published: boolean; href: string | null } | null;
}

const FIELDS = new Set(['name', 'email', 'website', 'body']);
/** Action messages that belong beside a field rather than above the form. */
const FIELD_OF_MESSAGE: Readonly<Record<string, string>> = {
  'error.website.invalid': 'website',
};

/** What the comment form shows, from the Action's result and the page's query. */
export function commentFormState(locale: Locale, input: CommentFormInput): CommentFormState {
  const values = input.error ? { ...input.submitted } : {};
  const errors: Record<string, MessageKey> = {};
  let formError: string | null = null;
  let retryAfterSeconds: number | null = null;
  const say = (key: string | null | undefined) => t(locale, key && isMessageKey(key) ? key : 'error.generic');

  if (input.error?.fields) {
    for (const [field, key] of Object.entries(input.error.fields)) {
      if (FIELDS.has(field)) errors[field] = key && isMessageKey(key) ? key : 'error.generic';
      else formError ??= say(key);
    }
  } else if (input.error) {
    const refusal = refusalNotice(locale, input.error.message);
    const field = isBodyRefusal(input.error.message) ? 'body' : FIELD_OF_MESSAGE[input.error.message ?? ''];
    if (refusal) {
      formError = refusal.text;
      retryAfterSeconds = refusal.retryAfterSeconds;
    } else if (field && isMessageKey(input.error.message!)) {
      errors[field] = input.error.message;
    } else {
      formError = say(input.error.message);
    }
  }

  // Only an approved top-level comment listed on this page can be answered.
  const wanted = input.error ? (values.parent ?? null) : input.replyParam;
  const parent = wanted ? input.threads.find((th) => th.comment?.publicId === wanted)?.comment : null;
  const replyTo = parent ? { publicId: parent.publicId, authorName: parent.authorName } : null;
  if (!replyTo) delete values.parent;

  const published = input.sentParam === 'publie';
  const listed = (id: string | null) =>
    id !== null && input.threads.some((th) => th.comment?.publicId === id || th.replies.some((r) => r.publicId === id));
  const sent =
    input.error || (input.sentParam !== 'attente' && !published)
      ? null
      : { published, href: published && listed(input.sentId) ? `#commentaire-${input.sentId}` : null };

  return { values, errors, formError, retryAfterSeconds, replyTo, sent };
}
