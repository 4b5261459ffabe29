import { describe, expect, it } from 'vitest';
import ImportedPostItem from '../../src/components/imports/ImportedPostItem.astro';
import { render } from './render.ts';

const post = {
  id: 3,
  network: 'mastodon' as const,
  language: 'fr',
  url: 'https://social.test/@ana/110',
  account_handle: 'ana@social.test',
  account_name: 'Ana \u202Eevil',
  body_html: '<p>La salle <strong>ce soir-là</strong></p>',
  content_note: 'concert, émotion',
  media: [
    { type: 'image', description: 'La scène, éclairée en bleu', remoteUrl: 'https://files.social.test/1.jpg' },
    { type: 'image', description: null, remoteUrl: 'https://files.social.test/2.jpg' },
  ],
  posted_at: new Date('2026-11-13T20:10:00Z'),
  edited_at: null,
  fetched_at: new Date('2026-12-06T08:00:00Z'),
};

describe('ImportedPostItem', () => {
  it('shows the sanitised post, its content note, image descriptions and credit, marked private, with no hotlinked image', async () => {
    const html = await render(ImportedPostItem, 'fr', {
      post,
      forgetAction: '/moderation/importes?_action=imports.forget',
    });
    expect(html).toContain('<strong>ce soir-là</strong>');
    expect(html).toContain('Avertissement de contenu : concert, émotion');
    expect(html).toContain('Image : La scène, éclairée en bleu');
    expect(html).toContain('Image sans description');
    expect(html).toMatch(/<bdi[^>]*>Ana/);
    expect(html).toContain('href="https://social.test/@ana/110"');
    expect(html).toContain('Privé : jamais publié');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('files.social.test');
    const en = await render(ImportedPostItem, 'en', { post: { ...post, edited_at: new Date() }, forgetAction: '/x' });
    expect(en).toContain('See the original');
    expect(en).toContain('edited');
    expect(html).toMatch(/<form method="post" action="\/moderation\/importes\?_action=imports.forget"/);
    expect(html).toContain('name="id" value="3"');
    expect(html).toContain('Effacer de la file</button>');
  });

  it('offers to ask for consent once: a button with what it does, then the request’s status instead', async () => {
    const askAction = '/moderation/importes?_action=imports.ask';
    const fresh = await render(ImportedPostItem, 'fr', { post, forgetAction: '/x', askAction, requestStatus: null });
    expect(fresh).toMatch(/<form method="post" action="\/moderation\/importes\?_action=imports.ask"/);
    expect(fresh).toContain('Demander l’accord');
    expect(fresh).toContain('aria-describedby="ask-help-3"');
    const asked = await render(ImportedPostItem, 'fr', { post, forgetAction: '/x', askAction, requestStatus: 'sent' });
    expect(asked).not.toContain('Demander l’accord');
    expect(asked).toContain('Accord demandé, en attente de réponse');
    const failed = await render(ImportedPostItem, 'en', {
      post,
      forgetAction: '/x',
      askAction,
      requestStatus: 'failed',
    });
    expect(failed).toContain('Sending failed; you may try again');
    expect(failed).toContain('Ask for consent');
  });
});
