import { describe, expect, it } from 'vitest';
import SourceForm from '../../src/components/imports/SourceForm.astro';
import { render } from './render.ts';

const page = '/moderation/sources';

describe('SourceForm', () => {
  it('asks a Mastodon server its address, hashtags and an optional access token, each labelled', async () => {
    const html = await render(SourceForm, 'fr', { kind: 'mastodon', page, values: {}, errors: {} });
    expect(html).toContain('Ajouter un serveur Mastodon');
    expect(html).toContain('action="/moderation/sources?_action=importSources.add"');
    expect(html).toContain('name="kind" value="mastodon"');
    expect(html).toMatch(/<label for="mastodon-url">Adresse du serveur/);
    expect(html).toMatch(/<label for="mastodon-hashtags">Mots-dièse/);
    expect(html).toMatch(/<label for="mastodon-secret">Jeton d’accès/);
    expect(html).toMatch(/id="mastodon-secret" name="secret" type="password"(?![^>]*required)/);
    expect(html).not.toContain('name="account"');
  });

  it('asks Bluesky for the account and a required app password; a feed only for its address', async () => {
    const bluesky = await render(SourceForm, 'en', { kind: 'bluesky', page, values: {}, errors: {} });
    expect(bluesky).toContain('value="https://bsky.social"');
    expect(bluesky).toMatch(/<label for="bluesky-account">Account handle/);
    expect(bluesky).toMatch(/id="bluesky-secret" name="secret" type="password"[^>]*required/);
    const feed = await render(SourceForm, 'en', { kind: 'rss', page, values: {}, errors: {} });
    expect(feed).toContain('Feed address');
    expect(feed).not.toContain('name="secret"');
    expect(feed).not.toContain('name="hashtags"');
  });

  it('puts back what was typed but never the secret, with the refusal beside its field and in the summary', async () => {
    const html = await render(SourceForm, 'fr', {
      kind: 'mastodon',
      page,
      values: { url: 'http://mastodon.example', hashtags: 'Bataclan', secret: 'never-shown' },
      errors: { url: 'importSources.error.https_only' },
    });
    expect(html).toContain('value="http://mastodon.example"');
    expect(html).toContain('value="Bataclan"');
    expect(html).not.toContain('never-shown');
    expect(html).toContain('Seules les adresses https:// sont acceptées.');
    expect(html).toContain('href="#mastodon-url"');
    expect(html).toMatch(/id="mastodon-url"[^>]*aria-invalid="true"/);
  });
});
