import { describe, expect, it } from 'vitest';
import ContactMessageItem from '../../src/components/association/ContactMessageItem.astro';
import { render } from './render.ts';

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
  it('shows the visitor’s words as text, their name isolated, and a way to answer', async () => {
    const html = await render(ContactMessageItem, 'fr', { message, action: '/moderation/messages?_action=x' });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>alert');
    expect(html).toMatch(/<bdi[^>]*>De Sam/);
    expect(html).toContain('href="mailto:sam@example.org"');
  });

  it('marks an unread message read, and a read one unread again', async () => {
    const unread = await render(ContactMessageItem, 'fr', { message, action: '/x' });
    expect(unread).toContain('data-read="false"');
    expect(unread).toContain('name="read" value="1"');
    expect(unread).toContain('Marquer comme lu');
    const read = await render(ContactMessageItem, 'en', { message: { ...message, readAt: new Date() }, action: '/x' });
    expect(read).toContain('name="read" value="0"');
    expect(read).toContain('Mark as unread');
  });
});
