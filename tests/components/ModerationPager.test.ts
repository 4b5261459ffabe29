import { describe } from 'vitest';
import ModerationPager from '../../src/components/moderation/ModerationPager.astro';
import { markupCases } from './render.ts';

const labels = { more: 'Plus d’événements', first: 'Revenir au début' };

describe('ModerationPager', () => {
  markupCases(ModerationPager, {
    'leads to the next page and back to the first from a middle page': {
      locale: 'fr',
      props: { ...labels, nextHref: '/moderation/journal?curseur=abc', firstHref: '/moderation/journal' },
      has: [
        '<nav class="pager"',
        '<a class="button" rel="next" href="/moderation/journal?curseur=abc">Plus d’événements</a>',
        '<a href="/moderation/journal">Revenir au début</a>',
      ],
    },
    'offers only the way back on the last page, and nothing on a single page': [
      {
        locale: 'en',
        props: { ...labels, nextHref: null, firstHref: '/en/moderation' },
        has: ['href="/en/moderation"'],
        lacks: ['rel="next"'],
      },
      { locale: 'en', props: { ...labels, nextHref: null, firstHref: null }, lacks: ['<nav'] },
    ],
  });
});
