import { describe, expect, it } from 'vitest';
import NoticePage from '../../src/layouts/NoticePage.astro';
import { render } from './render.ts';

describe('NoticePage', () => {
  it('says one thing under its heading, offers the way back, and asks not to be indexed', async () => {
    const html = await render(
      NoticePage,
      'fr',
      { title: 'Accès réservé', back: { href: '/moderation', label: 'Retour à la file' } },
      {
        slots: { default: '<p>Cette page est réservée aux administrateurs.</p>' },
        request: new Request('http://localhost/moderation/interdit'),
      },
    );
    expect(html).toContain('<title>Accès réservé');
    expect(html).toContain('<h1>Accès réservé</h1>');
    expect(html).toContain('<p>Cette page est réservée aux administrateurs.</p>');
    expect(html).toContain('<a href="/moderation">Retour à la file</a>');
    expect(html).toMatch(/<meta name="robots" content="noindex/);
  });
});
