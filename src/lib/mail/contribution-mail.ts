import { sql } from 'kysely';
import type { Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { toPlainText } from '../sanitize/sanitize.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { normaliseAddress } from './address.ts';
import { decisionMail, receivedMail, replyMail } from './compose.ts';
import { mailLinks } from './links.ts';
import { enqueueMail } from './outbox.ts';
import type { OutgoingMail } from './outbox.ts';
import { UNDO_WINDOW_MS } from '../moderation/flash.ts';
import { createSubscription } from './subscriptions.ts';
import { commentWithSouvenir } from '../comments/with-souvenir.ts';

/** What a request tells the mail steps: the origin its links are written with. */
export interface MailRequest {
  origin: string;
}

/**
 * The *received* message of a contribution just inserted (in the same transaction): its private
 * link, and, when the author ticked "tell me about replies", an unconfirmed subscription and the
 * link that confirms it.
 */
export async function queueReceived(
  trx: Transaction<Database>,
  kind: ContributionKind,
  created: { id: number; token: string; published: boolean },
  author: { name: string; email: string; locale: string },
  request: MailRequest & { subscribe?: boolean },
  now = new Date(),
): Promise<void> {
  const confirmToken = request.subscribe
    ? await createSubscription(
        trx,
        { address: author.email, targetType: kind, targetId: created.id, locale: author.locale },
        now,
      )
    : null;
  await enqueueMail(trx, receivedMessage(kind, created, author, request, confirmToken), now);
}

/** The *received* message itself (see queueReceived), `confirmToken` when a subscription awaits confirmation. */
export function receivedMessage(
  kind: ContributionKind,
  created: { token: string; published: boolean },
  author: { name: string; email: string; locale: string },
  request: MailRequest,
  confirmToken: string | null = null,
): OutgoingMail {
  return receivedMail(request.origin, {
    kind,
    to: author.email,
    name: author.name,
    locale: author.locale,
    token: created.token,
    published: created.published,
    confirmToken,
  });
}

/** Who wrote a contribution and where the public reads it; null when nobody should be written to. */
async function authorOf(trx: Transaction<Database>, kind: ContributionKind, id: number, request: MailRequest) {
  if (kind === 'souvenir') {
    const row = await trx
      .selectFrom('souvenir')
      .select(['author_name', 'author_email', 'locale', 'public_id', 'is_demo', 'withdrawn_at'])
      .where('id', '=', id)
      .executeTakeFirst();
    // Demo souvenirs have nobody behind them; a withdrawn text's address is erased.
    if (!row || row.is_demo || row.withdrawn_at || !row.author_email) return null;
    const url = mailLinks(request.origin, row.locale === 'en' ? 'en' : 'fr').souvenir(row.public_id);
    return { name: row.author_name, to: row.author_email, locale: row.locale, url };
  }
  const row = await commentWithSouvenir(trx, id)
    .select(['c.author_name', 'c.author_email', 'c.locale', 'c.public_id', 'c.withdrawn_at', 's.public_id as souvenir'])
    .executeTakeFirst();
  if (!row || row.withdrawn_at || !row.author_email) return null;
  const url = mailLinks(request.origin, row.locale === 'en' ? 'en' : 'fr').comment(row.souvenir, row.public_id);
  return { name: row.author_name, to: row.author_email, locale: row.locale, url };
}

/** How long a decision's message waits: the undo window and a margin for a slow click. */
export const DECISION_HOLD_MS = UNDO_WINDOW_MS + 5_000;

/**
 * The *decision* message, in the decision's transaction: published (with its link) or not (a
 * gentle text and the moderator's own sentence, if any). Each outcome is told once per text.
 */
export async function queueDecision(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  published: boolean,
  request: MailRequest & { note?: string | null },
  now = new Date(),
): Promise<void> {
  const author = await authorOf(trx, kind, id, request);
  if (!author) return;
  const mail = decisionMail({
    kind,
    id,
    published,
    to: author.to,
    name: author.name,
    locale: author.locale,
    publicUrl: author.url,
    note: request.note ?? null,
  });
  // Held until the queue's "Annuler" has expired: a decision taken back in time never reaches the
  // author (withdrawQueuedDecision drops it), rather than an email saying the opposite.
  await enqueueMail(trx, { ...mail, notBefore: new Date(now.getTime() + DECISION_HOLD_MS) }, now);
}

/**
 * A comment has just been published: whoever subscribed (and confirmed) to the souvenir it
 * answers, or to the comment it replies to, is told, once per address, never its own author.
 */
export async function queueReplies(
  trx: Transaction<Database>,
  commentId: number,
  request: MailRequest,
  now = new Date(),
): Promise<number> {
  const comment = await commentWithSouvenir(trx, commentId)
    .select(['c.author_name', 'c.author_email', 'c.body_html', 'c.public_id', 'c.souvenir_id', 'c.parent_id'])
    .select('s.public_id as souvenir')
    .executeTakeFirst();
  if (!comment) return 0;
  const subscriptions = await trx
    .selectFrom('mail_subscription')
    .select(['id', 'address', 'locale', 'target_type', 'unsubscribe_key'])
    .where('confirmed_at', 'is not', null)
    .where((eb) =>
      eb.or([
        eb.and([eb('target_type', '=', 'souvenir'), eb('target_id', '=', comment.souvenir_id)]),
        ...(comment.parent_id === null
          ? []
          : [eb.and([eb('target_type', '=', 'comment'), eb('target_id', '=', comment.parent_id)])]),
      ]),
    )
    .where(sql<string>`lower(address)`, '!=', normaliseAddress(comment.author_email))
    // A reply is closer to the person than a comment on their souvenir: that one wins.
    .orderBy(sql`target_type = 'comment'`, 'desc')
    .orderBy('id')
    .execute();
  const told = new Set<string>();
  const text = toPlainText(comment.body_html);
  for (const subscription of subscriptions) {
    const address = normaliseAddress(subscription.address);
    if (told.has(address)) continue;
    told.add(address);
    const locale = subscription.locale === 'en' ? 'en' : 'fr';
    await enqueueMail(
      trx,
      replyMail(request.origin, {
        to: subscription.address,
        name: '',
        locale,
        subscribedTo: subscription.target_type,
        subscriptionId: subscription.id,
        unsubscribeKey: subscription.unsubscribe_key,
        replyId: commentId,
        replyAuthor: comment.author_name,
        replyText: text,
        replyUrl: mailLinks(request.origin, locale).comment(comment.souvenir, comment.public_id),
      }),
      now,
    );
  }
  return told.size;
}

/**
 * A decision taken back (contributions/revert.ts) before its message left: the message still
 * waiting in the outbox is dropped, in the undo's transaction, so an author whose text was
 * rejected by mistake and restored a few seconds later is not told it was declined. A message a
 * sender has already claimed goes as it is. Returns whether one was dropped.
 */
export async function withdrawQueuedDecision(
  trx: Transaction<Database>,
  kind: ContributionKind,
  id: number,
  outcome: 'published' | 'declined',
  now = new Date(),
): Promise<boolean> {
  const result = await trx
    .deleteFrom('mail_outbox')
    .where('dedupe_key', '=', `decision:${kind}:${id}:${outcome}`)
    .where('status', '=', 'queued')
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]))
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * A decision taken back (the queue's "Annuler", a change of mind) before its message left: the
 * message goes too, so nobody reads "published" about a text that is not. One already sent stays
 * sent; the next decision is told as a new one.
 */
export async function cancelQueuedDecision(trx: Transaction<Database>, kind: ContributionKind, id: number) {
  await trx
    .deleteFrom('mail_outbox')
    .where('status', '=', 'queued')
    .where('dedupe_key', 'like', `decision:${kind}:${id}:%`)
    .execute();
}
