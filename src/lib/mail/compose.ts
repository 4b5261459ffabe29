import { formatDate, t } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { excerpt, headerSafe, renderMail } from './layout.ts';
import type { MailBlock } from './layout.ts';
import { mailLinks } from './links.ts';
import type { OutgoingMail } from './outbox.ts';

function asLocale(locale: string): Locale {
  return locale === 'en' ? 'en' : 'fr';
}

interface Recipient {
  to: string;
  name: string;
  locale: string;
}

function message(
  kind: OutgoingMail['kind'],
  who: Recipient,
  subject: string,
  blocks: MailBlock[],
  footer: string[],
): Pick<OutgoingMail, 'kind' | 'locale' | 'to' | 'subject' | 'text' | 'html'> {
  const locale = asLocale(who.locale);
  const heading = who.name.trim()
    ? t(locale, 'mail.greeting', { name: who.name.trim() })
    : t(locale, 'mail.greeting.anonymous');
  return {
    kind,
    locale,
    to: who.to,
    subject: headerSafe(subject),
    ...renderMail({ heading, blocks, footer: [...footer, t(locale, 'mail.footer.team')], lang: locale }),
  };
}

export interface ReceivedFacts extends Recipient {
  kind: ContributionKind;
  token: string;
  /** Published at once (a known author), or awaiting moderation. */
  published: boolean;
  /** The confirmation token of a "tell me about replies" subscription, when asked for. */
  confirmToken?: string | null;
}

/** "We have it": the private link, what happens next, and the confirmation link when asked. */
export function receivedMail(origin: string, facts: ReceivedFacts): OutgoingMail {
  const locale = asLocale(facts.locale);
  const links = mailLinks(origin, locale);
  const blocks: MailBlock[] = [
    {
      text: t(
        locale,
        facts.published ? `mail.received.published.${facts.kind}` : `mail.received.pending.${facts.kind}`,
      ),
    },
    { label: t(locale, 'mail.received.linkLabel'), link: links.privateLink(facts.token) },
    { label: t(locale, 'mail.received.keep'), link: links.lostLinks() },
  ];
  if (facts.confirmToken) {
    blocks.push(
      { label: t(locale, 'mail.received.confirm'), link: links.confirm(facts.confirmToken) },
      { text: t(locale, 'mail.received.confirmIgnore') },
    );
  }
  return {
    ...message('received', facts, t(locale, `mail.received.subject.${facts.kind}`), blocks, [
      t(locale, 'mail.footer.why'),
    ]),
    carriesSecret: true,
  };
}

export interface DecisionFacts extends Recipient {
  kind: ContributionKind;
  id: number;
  published: boolean;
  /** Where it is read: the souvenir, or the souvenir a comment answers with the comment's anchor. */
  publicUrl: string;
  /** The moderator's sentence for the author, as typed; never a rule's name or a flag. */
  note: string | null;
}

/** Published (with the link to it) or not (gently, with the moderator's own word if any). */
export function decisionMail(facts: DecisionFacts): OutgoingMail {
  const locale = asLocale(facts.locale);
  const outcome = facts.published ? 'published' : 'declined';
  const blocks: MailBlock[] = facts.published
    ? [
        { text: t(locale, `mail.decision.published.${facts.kind}`) },
        { label: t(locale, 'mail.decision.viewLabel'), link: facts.publicUrl },
      ]
    : [{ text: t(locale, `mail.decision.declined.${facts.kind}`) }];
  if (facts.note?.trim()) blocks.push({ text: t(locale, 'mail.decision.note') }, { quote: facts.note.trim() });
  if (!facts.published) blocks.push({ text: t(locale, 'mail.decision.private') });
  return {
    ...message('decision', facts, t(locale, `mail.decision.subject.${outcome}.${facts.kind}`), blocks, [
      t(locale, 'mail.footer.why'),
    ]),
    dedupeKey: `decision:${facts.kind}:${facts.id}:${outcome}`,
  };
}

export interface ReplyFacts extends Recipient {
  /** What the subscriber wrote: their souvenir (a new comment) or their comment (a reply). */
  subscribedTo: ContributionKind;
  subscriptionId: number;
  /** Its unsubscribe key. */
  unsubscribeKey: string;
  replyId: number;
  replyAuthor: string;
  /** The reply's text, plain. */
  replyText: string;
  replyUrl: string;
}

/** A reply was published under what the subscriber wrote; it carries the one-click unsubscribe. */
export function replyMail(origin: string, facts: ReplyFacts): OutgoingMail {
  const locale = asLocale(facts.locale);
  const links = mailLinks(origin, locale);
  const blocks: MailBlock[] = [
    { text: t(locale, `mail.reply.intro.${facts.subscribedTo}`, { name: facts.replyAuthor.trim() }) },
    { quote: excerpt(facts.replyText) },
    { label: t(locale, 'mail.reply.readLabel'), link: facts.replyUrl },
    { label: t(locale, 'mail.reply.unsubscribeLabel'), link: links.unsubscribe(facts.unsubscribeKey) },
  ];
  return {
    ...message('reply', facts, t(locale, `mail.reply.subject.${facts.subscribedTo}`), blocks, [
      t(locale, 'mail.reply.why'),
    ]),
    unsubscribeUrl: links.oneClick(facts.unsubscribeKey),
    dedupeKey: `reply:${facts.replyId}:${facts.subscriptionId}`,
  };
}

export interface LostLink {
  kind: ContributionKind;
  title: string | null;
  createdAt: Date;
  token: string;
}

/** Fresh private links for every text written with one address. */
export function lostLinksMail(origin: string, who: Recipient, items: readonly LostLink[]): OutgoingMail {
  const locale = asLocale(who.locale);
  const links = mailLinks(origin, locale);
  const blocks: MailBlock[] = [{ text: t(locale, 'mail.lostLinks.intro') }];
  for (const item of items) {
    const date = formatDate(locale, item.createdAt);
    const label =
      item.kind === 'comment'
        ? t(locale, 'mail.lostLinks.item.comment', { date })
        : item.title
          ? t(locale, 'mail.lostLinks.item.titled', { title: item.title, date })
          : t(locale, 'mail.lostLinks.item.souvenir', { date });
    blocks.push({ label, link: links.privateLink(item.token) });
  }
  blocks.push({ text: t(locale, 'mail.lostLinks.ignore') });
  return {
    ...message('lost_links', who, t(locale, 'mail.lostLinks.subject'), blocks, [t(locale, 'mail.footer.why')]),
    carriesSecret: true,
  };
}
