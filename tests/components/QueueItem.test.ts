import { describe, expect, it } from 'vitest';
import QueueItem from '../../src/components/moderation/QueueItem.astro';
import type { CommentQueueItem, SouvenirQueueItem } from '../../src/lib/contributions/queue.ts';
import { markupCases, render } from './render.ts';

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
const screen = { onScreen: false, action: '/moderation?_action=venue.screen' };

describe('QueueItem', () => {
  markupCases(QueueItem, {
    'names the item, its author and status, and labels its checkbox for the bulk form': {
      locale: 'fr',
      props: { ...props, item: souvenir },
      has: [
        'aria-labelledby="souvenir-12-title"',
        'Le rappel',
        'Inès',
        'en attente',
        /<input[^>]*id="souvenir-12-select"[^>]*form="bulk"/,
        '<label for="souvenir-12-select">',
      ],
    },
    'names a withdrawn item without its erased author, never "Souvenir de" with no one': [
      {
        locale: 'fr',
        props: {
          ...props,
          item: {
            ...souvenir,
            title: null,
            memoryYear: null,
            authorName: '',
            authorEmail: '',
            status: 'trash',
            withdrawn: true,
          },
        },
        has: ['Souvenir retiré (texte effacé)', 'Retiré par son auteur'],
        lacks: ['Souvenir de', /par\s*<\/span>/],
      },
      {
        locale: 'en',
        props: {
          ...props,
          item: {
            ...comment,
            authorName: '',
            authorEmail: '',
            status: 'trash',
            withdrawn: true,
            souvenir: { publicId: 'pub12', title: null, authorName: '' },
          },
        },
        has: ['Withdrawn comment (text erased)', 'Withdrawn memory (text erased)'],
        lacks: ['Comment by', 'Memory of', /by\s*<\/span>/],
      },
    ],
    'blurs a text the rules flagged or visitors reported until the moderator chooses, and says where its links lead': [
      {
        locale: 'fr',
        props: { ...props, item: { ...souvenir, flagReasons: ['word:moderate'] } },
        has: [
          /data-veiled-text[\s\S]*<input type="checkbox" id="souvenir-12-texte-voir" class="text-reveal">[\s\S]*Afficher le texte[\s\S]*Le dernier rappel/,
          // The blurred copy is out of reach of screen readers and the keyboard; the readable one is shown on demand.
          /<div class="souvenir-body veiled-preview"[^>]* inert aria-hidden="true"[^>]*>[\s\S]*Le dernier rappel[\s\S]*<div class="souvenir-body revealed-text"[^>]*>[\s\S]*Le dernier rappel/,
        ],
      },
      {
        locale: 'en',
        props: { ...props, item: { ...comment, hiddenByReports: true } },
        has: ['data-veiled-text', 'Show the text', 'Text blurred'],
      },
      { locale: 'fr', props: { ...props, item: souvenir }, lacks: ['data-veiled-text', 'text-reveal'] },
    ],
    'does not offer to approve a comment whose souvenir is not published, and says why': {
      locale: 'fr',
      props: { ...props, item: { ...comment, souvenir: { ...comment.souvenir, published: false } } },
      has: ['data-souvenir-unpublished', 'Ce souvenir n’est pas publié', 'name="decision" value="reject"'],
      lacks: ['name="decision" value="approve"'],
    },
    'shows the moderator the address that the public never sees': {
      locale: 'en',
      props: { ...props, item: souvenir },
      has: ['Address (never published):', 'ines@example.org'],
    },
    'says which souvenir a comment answers, and never offers to pin it': {
      locale: 'fr',
      props: { ...props, item: { ...comment, status: 'approved' } },
      has: ['href="/souvenirs/pub12"', 'name="targetType" value="comment"'],
      lacks: [/value="(pin|unpin)"/],
    },
    'keeps the reason typed before a refused decision': {
      locale: 'fr',
      props: { ...props, item: souvenir, reason: 'Doublon "probable"' },
      has: [
        /<input type="text" id="souvenir-12-reason"[^>]*value="Doublon &quot;probable&quot;"/,
        '<label for="souvenir-12-reason">Motif (facultatif, noté au journal)</label>',
      ],
    },
    'offers the venue screen (issue 21): a box beside approval when pending, a button once approved, nothing for a comment':
      [
        {
          locale: 'fr',
          props: { ...props, item: souvenir, screen },
          has: [/name="onScreen"[^>]*data-on-screen-option/, 'Aussi sur l’écran de la salle'],
          lacks: ['data-venue-screen-button'],
        },
        {
          locale: 'fr',
          props: { ...props, item: { ...souvenir, status: 'approved' }, screen },
          has: ['data-venue-screen-button'],
          lacks: ['data-on-screen-option'],
        },
        {
          locale: 'fr',
          props: { ...props, item: { ...comment, status: 'approved' }, screen },
          lacks: ['venue.screen', 'data-on-screen-option'],
        },
      ],
  });

  it('offers the decisions the item’s status allows, in one labelled group', async () => {
    const html = await render(QueueItem, 'fr', { ...props, item: souvenir });
    expect(html).toMatch(/role="group" aria-label="Décision sur « [^"]*Le rappel[^"]* »"/);
    const decisions = [...html.matchAll(/name="decision" value="(\w+)"/g)].map((m) => m[1]);
    expect(decisions).toEqual(['approve', 'reject', 'spam', 'trash']);
    expect(html).toContain('name="expectedStatus" value="pending"');
    // The text as read: a decision on a text its author changed since is refused.
    const version = `name="versions" value="${souvenir.id}:${souvenir.updatedAt.getTime()}"`;
    expect(html).toContain(version);
    // And for the bulk bar, whose selection it may join.
    expect(html).toContain(`${version} form="${props.bulkForm}"`);
  });

  it('sends its place in the list with its decision, when it has one', async () => {
    expect(await render(QueueItem, 'fr', { ...props, item: souvenir, place: 3 })).toContain('name="place" value="3"');
    expect(await render(QueueItem, 'fr', { ...props, item: souvenir })).not.toContain('name="place"');
  });
});
