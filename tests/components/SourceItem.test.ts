import { describe } from 'vitest';
import SourceItem from '../../src/components/imports/SourceItem.astro';
import { markupCases } from './render.ts';

const source = {
  id: 4,
  kind: 'bluesky' as const,
  base_url: 'https://bsky.social',
  hashtags: ['MonPlusBeauSouvenirDuBataclan'],
  account: 'asso.bsky.social',
  enabled: true,
  has_secret: true,
  status: 'rate_limited',
  last_run_at: new Date('2026-12-06T08:00:00Z'),
  last_items: 3,
  last_error: 'HTTP 429',
  failures: 2,
  next_run_at: new Date('2026-12-06T08:02:00Z'),
};

describe('SourceItem', () => {
  markupCases(SourceItem, {
    'shows the status line (state, last run, items, failures, error), offers to read it now, and says a secret is set without showing it':
      {
        locale: 'fr',
        props: { source, page: '/moderation/sources' },
        has: [
          'Source n° 4 : Compte Bluesky',
          '#MonPlusBeauSouvenirDuBataclan',
          'Active · le serveur demande d’attendre',
          /Dernière lecture : .*3 publication/,
          '2 échec(s) de suite',
          'HTTP 429',
          'Secret enregistré (jamais réaffiché)',
          'action="/moderation/sources?_action=importSources.pause"',
          'action="/moderation/sources?_action=importSources.remove"',
          'action="/moderation/sources?_action=importSources.readNow"',
          /<button[^>]*aria-describedby="source-4-title"[^>]*>\s*Lire maintenant\s*</,
          /<input type="hidden" name="id" value="4"/,
          /aria-describedby="source-4-title"/,
        ],
      },
    'offers to resume a paused source (never to read it now), says when no secret is kept, and announces a refusal': {
      locale: 'en',
      props: {
        source: { ...source, kind: 'mastodon', enabled: false, has_secret: false, last_run_at: null, account: null },
        page: '/en/moderation/sources',
        error: 'Authors from this source gave their consent: pause it instead.',
      },
      has: [
        'Source #4: Mastodon server',
        'Paused',
        'Not read yet',
        'No secret set',
        'action="/en/moderation/sources?_action=importSources.resume"',
        /role="alert"[^>]*>\s*Authors from this source/,
      ],
      lacks: ['Next read', 'importSources.readNow', 'Read now'],
    },
  });
});
