import { describe } from 'vitest';
import ContactMessageItem from '../../src/components/association/ContactMessageItem.astro';
import { markupCases } from './render.ts';

const message = {
  id: 7,
  name: 'Sam \u202Eevil',
  email: 'sam@example.org',
  body: '<script>alert(1)</script>\nDeuxième ligne',
  locale: 'fr',
  isSpam: false,
  createdAt: new Date('2026-12-06T08:00:00Z'),
  readAt: null,
};

describe('ContactMessageItem', () => {
  markupCases(ContactMessageItem, {
    'shows the visitor’s words as text, their name isolated, and a way to answer': {
      locale: 'fr',
      props: { message, action: '/moderation/messages?_action=x' },
      has: ['&lt;script&gt;alert(1)&lt;/script&gt;', /<bdi[^>]*>De Sam/, 'href="mailto:sam@example.org"'],
      lacks: ['<script>alert'],
    },
    'marks an unread message read, and a read one unread again': [
      {
        locale: 'fr',
        props: { message, action: '/x' },
        has: ['data-read="false"', 'name="read" value="1"', 'Marquer comme lu', /<\/time> · <span class="status"/],
      },
      {
        locale: 'en',
        props: { message: { ...message, readAt: new Date() }, action: '/x' },
        has: ['name="read" value="0"', 'Mark as unread'],
      },
    ],
  });
});
