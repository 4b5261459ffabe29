import { t } from '../i18n/index.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { excerpt, headerSafe, renderMail } from './layout.ts';
import type { MailBlock } from './layout.ts';
import type { OutgoingMail } from './outbox.ts';

/** A text waiting in the queue, as the team's messages mention it. */
export interface WaitingItem {
  kind: ContributionKind;
  /** Its first words, plain. */
  text: string;
  /** Hours it has waited. */
  hours: number;
}

interface Member {
  id: number;
  to: string;
  name: string;
  locale: Locale;
}

/** The team's messages are French first: the queue's language. */
function teamMail(kind: OutgoingMail['kind'], member: Member, subject: string, blocks: MailBlock[]): OutgoingMail {
  const locale = member.locale;
  return {
    kind,
    locale,
    to: member.to,
    subject: headerSafe(subject),
    countsAgainstBudget: false,
    ...renderMail({
      heading: t(locale, 'mail.greeting', { name: member.name }),
      blocks,
      footer: [t(locale, 'mail.team.why'), t(locale, 'mail.footer.team')],
      lang: locale,
    }),
  };
}

function itemLines(locale: Locale, items: readonly WaitingItem[]): MailBlock[] {
  return items.map((item) => ({
    text: `${t(locale, `mail.team.item.${item.kind}`, { hours: item.hours })} ${excerpt(item.text, 120)}`,
  }));
}

/** "A new text awaits moderation": for members who chose every new item. */
export function newItemMail(member: Member, item: WaitingItem & { id: number }, queueUrl: string): OutgoingMail {
  const { locale } = member;
  return {
    ...teamMail('team_new', member, t(locale, `mail.team.new.subject.${item.kind}`), [
      { text: t(locale, `mail.team.new.intro.${item.kind}`) },
      { quote: excerpt(item.text) },
      { label: t(locale, 'mail.team.queueLabel'), link: queueUrl },
    ]),
    dedupeKey: `team_new:${item.kind}:${item.id}:${member.id}`,
  };
}

/**
 * The two lists of what waits: the daily digest (what waits now, oldest first, for members who
 * chose it) and the reminder (texts have waited more than 48 hours: once a day, to everyone on
 * the team who gave an address). They differ only by their words.
 */
const WAITING_LISTS = {
  digest: { kind: 'team_digest', subject: 'mail.team.digest.subject', intro: 'mail.team.digest.intro' },
  reminder: { kind: 'team_reminder', subject: 'mail.team.reminder.subject', intro: 'mail.team.reminder.intro' },
} as const satisfies Record<string, { kind: OutgoingMail['kind']; subject: MessageKey; intro: MessageKey }>;

export type WaitingList = keyof typeof WAITING_LISTS;

/** A list of what waits (`digest` or `reminder`), sent once a day to each member. */
export function waitingListMail(
  list: WaitingList,
  member: Member,
  day: string,
  items: readonly WaitingItem[],
  total: number,
  queueUrl: string,
): OutgoingMail {
  const { locale } = member;
  const words = WAITING_LISTS[list];
  return {
    ...teamMail(words.kind, member, t(locale, words.subject, { n: total }), [
      { text: t(locale, words.intro, { n: total }) },
      ...itemLines(locale, items),
      { label: t(locale, 'mail.team.queueLabel'), link: queueUrl },
    ]),
    dedupeKey: `${words.kind}:${member.id}:${day}`,
  };
}
