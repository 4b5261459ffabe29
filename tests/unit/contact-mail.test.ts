import { describe, expect, it } from 'vitest';
import { contactMail } from '../../src/lib/association/contact-mail.ts';

const facts = {
  to: 'contact@example.org',
  name: 'Visiteur',
  email: 'visiteur@example.org',
  body: 'Bonjour, une question.',
  listUrl: 'https://mur.example.org/moderation/messages',
};

describe('a contact message forwarded to the team', () => {
  it('is answered to the visitor, whose address is in its text too', () => {
    const mail = contactMail(facts);
    expect(mail).toMatchObject({ kind: 'contact', to: 'contact@example.org', replyTo: 'visiteur@example.org' });
    expect(mail.text).toContain('visiteur@example.org');
  });

  it('carries no Reply-To for anything but one bare address', () => {
    for (const email of ['a@example.org\r\nBcc: x@example.org', 'a@example.org, b@example.org', 'A <a@example.org>']) {
      expect(contactMail({ ...facts, email }).replyTo).toBeUndefined();
    }
  });
});
