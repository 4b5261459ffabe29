import { describe, expect, it } from 'vitest';
import ModerationPager from '../../src/components/moderation/ModerationPager.astro';
import { render } from './render.ts';

const labels = { more: 'Plus d’événements', first: 'Revenir au début' };

describe('ModerationPager', () => {
  it('leads to the next page and back to the first from a middle page', async () => {
    const html = await render(ModerationPager, 'fr', {
      ...labels,
      nextHref: '/moderation/journal?curseur=abc',
      firstHref: '/moderation/journal',
    });
    expect(html).toContain('<nav class="pager"');
    expect(html).toContain('<a class="button" rel="next" href="/moderation/journal?curseur=abc">Plus d’événements</a>');
    expect(html).toContain('<a href="/moderation/journal">Revenir au début</a>');
  });

  it('offers only the way back on the last page, and nothing on a single page', async () => {
    const last = await render(ModerationPager, 'en', { ...labels, nextHref: null, firstHref: '/en/moderation' });
    expect(last).not.toContain('rel="next"');
    expect(last).toContain('href="/en/moderation"');
    const single = await render(ModerationPager, 'en', { ...labels, nextHref: null, firstHref: null });
    expect(single).not.toContain('<nav');
  });
});
