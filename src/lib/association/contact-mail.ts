import { t } from '../i18n/index.ts';
import { headerSafe, renderMail } from '../mail/layout.ts';
import { isDeliverable } from '../mail/outbox.ts';
import type { OutgoingMail } from '../mail/outbox.ts';

export interface ContactFacts {
  /** The team's address: the publisher's contact address. */
  to: string;
  name: string;
  email: string;
  body: string;
  /** Where the team reads and marks it (the moderation page's absolute address). */
  listUrl: string;
}

/**
 * A visitor's message, forwarded to the team in French (the association's language), answered by
 * "Reply": the visitor's address is its Reply-To, when it is one bare address (isDeliverable: no
 * line break, comma or bracket, so nothing they typed can add a header or a recipient), and it is
 * in the text too.
 */
export function contactMail(facts: ContactFacts): OutgoingMail {
  const locale = 'fr';
  return {
    kind: 'contact',
    locale,
    to: facts.to,
    ...(isDeliverable(facts.email) ? { replyTo: facts.email } : {}),
    subject: headerSafe(t(locale, 'contact.mail.subject', { name: facts.name })),
    ...renderMail({
      heading: t(locale, 'contact.mail.heading'),
      blocks: [
        { text: t(locale, 'contact.mail.from', { name: facts.name, email: facts.email }) },
        { quote: facts.body },
        { label: t(locale, 'contact.mail.list'), link: facts.listUrl },
      ],
      footer: [t(locale, 'contact.mail.why')],
      lang: locale,
    }),
  };
}
