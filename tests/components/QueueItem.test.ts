import { describe, expect, it } from 'vitest';
import QueueItem from '../../src/components/moderation/QueueItem.astro';
import type { CommentQueueItem, SouvenirQueueItem } from '../../src/lib/contributions/queue.ts';
import { render } from './render.ts';

const base = {
  id: 12,
  publicId: 'pub12',
  bodyHtml: '<p>Le dernier rappel.</p>',
  authorName: 'Inès',
  authorEmail: 'ines@example.org',
  locale: 'fr',
  flagReasons: [],
  status: 'pending' as const,
  previousStatus: null,
  withdrawn: false,
  hiddenByReports: false,
  createdAt: new Date('2026-11-01T10:00:00Z'),
  updatedAt: new Date('2026-11-01T10:00:00Z'),
};

const souvenir: SouvenirQueueItem = {
  ...base,
  targetType: 'souvenir',
  title: 'Le rappel',
  memoryYear: 2014,
  event: null,
  hashtags: [],
  pinned: false,
  isDemo: false,
};

const comment: CommentQueueItem = {
  ...base,
  id: 30,
  targetType: 'comment',
  pinned: null,
  authorWebsite: null,
  souvenir: { publicId: 'pub12', title: 'Le rappel', authorName: 'Inès' },
  replyToName: null,
};

const props = { action: '/moderation?_action=moderation.decide', bulkForm: 'bulk' };

describe('QueueItem', () => {
  it('names the item, its author and status, and labels its checkbox for the bulk form', async () => {
    const html = await render(QueueItem, 'fr', { ...props, item: souvenir });
    expect(html).toContain('aria-labelledby="souvenir-12-title"');
    expect(html).toContain('Le rappel');
    expect(html).toContain('Inès');
    expect(html).toContain('en attente');
    expect(html).toMatch(/<input[^>]*id="souvenir-12-select"[^>]*form="bulk"/);
    expect(html).toContain('<label for="souvenir-12-select">');
  });

  it('shows the moderator the address that the public never sees', async () => {
    const html = await render(QueueItem, 'en', { ...props, item: souvenir });
    expect(html).toContain('Address (never published):');
    expect(html).toContain('ines@example.org');
  });

  it('offers the decisions the item’s status allows, in one labelled group', async () => {
    const html = await render(QueueItem, 'fr', { ...props, item: souvenir });
    expect(html).toMatch(/role="group" aria-label="Décision sur « [^"]*Le rappel[^"]* »"/);
    const decisions = [...html.matchAll(/name="decision" value="(\w+)"/g)].map((m) => m[1]);
    expect(decisions).toEqual(['approve', 'reject', 'spam', 'trash']);
    expect(html).toContain('name="expectedStatus" value="pending"');
  });

  it('says which souvenir a comment answers, and never offers to pin it', async () => {
    const html = await render(QueueItem, 'fr', { ...props, item: { ...comment, status: 'approved' } });
    expect(html).toContain('href="/souvenirs/pub12"');
    expect(html).toContain('name="targetType" value="comment"');
    expect(html).not.toMatch(/value="(pin|unpin)"/);
  });

  it('keeps the reason typed before a refused decision', async () => {
    const html = await render(QueueItem, 'fr', { ...props, item: souvenir, reason: 'Doublon "probable"' });
    expect(html).toMatch(/<input type="text" id="souvenir-12-reason"[^>]*value="Doublon &quot;probable&quot;"/);
    expect(html).toContain('<label for="souvenir-12-reason">Motif (facultatif, noté au journal)</label>');
  });

  it('offers the venue screen (issue 21): a box beside approval when pending, a button once approved, nothing for a comment', async () => {
    const screen = { onScreen: false, action: '/moderation?_action=venue.screen' };
    const pending = await render(QueueItem, 'fr', { ...props, item: souvenir, screen });
    expect(pending).toMatch(/name="onScreen"[^>]*data-on-screen-option/);
    expect(pending).toContain('Aussi sur l’écran de la salle');
    expect(pending).not.toContain('data-venue-screen-button');
    const approved = await render(QueueItem, 'fr', { ...props, item: { ...souvenir, status: 'approved' }, screen });
    expect(approved).toContain('data-venue-screen-button');
    expect(approved).not.toContain('data-on-screen-option');
    const onComment = await render(QueueItem, 'fr', { ...props, item: { ...comment, status: 'approved' }, screen });
    expect(onComment).not.toContain('venue.screen');
    expect(onComment).not.toContain('data-on-screen-option');
  });
});
