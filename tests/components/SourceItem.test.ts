import { describe, expect, it } from 'vitest';
import SourceItem from '../../src/components/imports/SourceItem.astro';
import { render } from './render.ts';

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
  it('shows the status line (state, last run, items, failures, error), offers to read it now, and says a secret is set without showing it', async () => {
    const html = await render(SourceItem, 'fr', { source, page: '/moderation/sources' });
    expect(html).toContain('Source n° 4 : Compte Bluesky');
    expect(html).toContain('#MonPlusBeauSouvenirDuBataclan');
    expect(html).toContain('Active · le serveur demande d’attendre');
    expect(html).toMatch(/Dernière lecture : .*3 publication/);
    expect(html).toContain('2 échec(s) de suite');
    expect(html).toContain('HTTP 429');
    expect(html).toContain('Secret enregistré (jamais réaffiché)');
    expect(html).toContain('action="/moderation/sources?_action=importSources.pause"');
    expect(html).toContain('action="/moderation/sources?_action=importSources.remove"');
    expect(html).toContain('action="/moderation/sources?_action=importSources.readNow"');
    expect(html).toMatch(/<button[^>]*aria-describedby="source-4-title"[^>]*>\s*Lire maintenant\s*</);
    expect(html).toMatch(/<input type="hidden" name="id" value="4"/);
    expect(html).toMatch(/aria-describedby="source-4-title"/);
  });

  it('offers to resume a paused source (never to read it now), says when no secret is kept, and announces a refusal', async () => {
    const html = await render(SourceItem, 'en', {
      source: { ...source, kind: 'mastodon', enabled: false, has_secret: false, last_run_at: null, account: null },
      page: '/en/moderation/sources',
      error: 'Authors from this source gave their consent: pause it instead.',
    });
    expect(html).toContain('Source #4: Mastodon server');
    expect(html).toContain('Paused');
    expect(html).toContain('Not read yet');
    expect(html).toContain('No secret set');
    expect(html).toContain('action="/en/moderation/sources?_action=importSources.resume"');
    expect(html).not.toContain('Next read');
    expect(html).not.toContain('importSources.readNow');
    expect(html).not.toContain('Read now');
    expect(html).toMatch(/role="alert"[^>]*>\s*Authors from this source/);
  });
});
