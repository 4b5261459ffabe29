import { describe, expect, it } from 'vitest';
import OutboxTable from '../../src/components/mail/OutboxTable.astro';
import NotifyField from '../../src/components/mail/NotifyField.astro';
import { expectMarkup, render } from './render.ts';

const entry = {
  id: 7,
  kind: 'decision',
  locale: 'fr',
  maskedAddress: 'c•••e@e•••.org',
  subject: 'Votre souvenir est publié',
  status: 'failed',
  attempts: 3,
  lastError: '550: mailbox unavailable',
  createdAt: new Date('2026-12-06T09:00:00Z'),
  sentAt: null,
  nextAttemptAt: new Date('2026-12-06T09:00:00Z'),
  resendable: true,
};

describe('OutboxTable', () => {
  it('shows the masked address, the status, attempts and error, and a named resend button', async () => {
    const html = await render(OutboxTable, 'fr', {
      entries: [entry],
      resendAction: '/moderation/courriels?_action=mail.resend',
    });
    expectMarkup(html, {
      has: [
        'c•••e@e•••.org',
        'Abandonné',
        '550: mailbox unavailable',
        'aria-label="Renvoyer le message 7"',
        'name="id" value="7"',
      ],
    });
  });

  it('offers no resend for a message that cannot be sent again', async () => {
    const html = await render(OutboxTable, 'en', {
      entries: [{ ...entry, status: 'sent', resendable: false }],
      resendAction: '/en/moderation/courriels?_action=mail.resend',
    });
    expect(html).toContain('Sent');
    expect(html).not.toContain('name="id"');
  });
});

describe('NotifyField', () => {
  it('is a labelled checkbox named notify, described by its hint', async () => {
    const html = await render(NotifyField, 'fr', { idPrefix: 'comment-' });
    expectMarkup(html, {
      has: [
        'id="comment-notify" name="notify" type="checkbox"',
        '<label for="comment-notify">Me prévenir des réponses</label>',
        'aria-describedby="comment-notify-hint"',
      ],
    });
  });
});
