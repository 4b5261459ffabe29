import { describe } from 'vitest';
import OutboxTable from '../../src/components/mail/OutboxTable.astro';
import NotifyField from '../../src/components/mail/NotifyField.astro';
import { markupCases } from './render.ts';

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
  markupCases(OutboxTable, {
    'shows the masked address, the status, attempts and error, and a named resend button': {
      locale: 'fr',
      props: { entries: [entry], resendAction: '/moderation/courriels?_action=mail.resend' },
      has: [
        'c•••e@e•••.org',
        'Abandonné',
        '550: mailbox unavailable',
        'aria-label="Renvoyer le message 7"',
        'name="id" value="7"',
      ],
    },
    'offers no resend for a message that cannot be sent again': {
      locale: 'en',
      props: {
        entries: [{ ...entry, status: 'sent', resendable: false }],
        resendAction: '/en/moderation/courriels?_action=mail.resend',
      },
      has: ['Sent'],
      lacks: ['name="id"'],
    },
  });
});

describe('NotifyField', () => {
  markupCases(NotifyField, {
    'is a labelled checkbox named notify, described by its hint': {
      locale: 'fr',
      props: { idPrefix: 'comment-' },
      has: [
        'id="comment-notify" name="notify" type="checkbox"',
        '<label for="comment-notify">Me prévenir des réponses</label>',
        'aria-describedby="comment-notify-hint"',
      ],
    },
  });
});
