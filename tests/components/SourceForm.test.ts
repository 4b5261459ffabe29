import { describe } from 'vitest';
import SourceForm from '../../src/components/imports/SourceForm.astro';
import { markupCases } from './render.ts';

const page = '/moderation/sources';

describe('SourceForm', () => {
  markupCases(SourceForm, {
    'asks a Mastodon server its address, hashtags and an optional access token, each labelled': {
      locale: 'fr',
      props: { kind: 'mastodon', page, values: {}, errors: {} },
      has: [
        'Ajouter un serveur Mastodon',
        'action="/moderation/sources?_action=importSources.add"',
        'name="kind" value="mastodon"',
        /<label for="mastodon-url">Adresse du serveur/,
        /<label for="mastodon-hashtags">Mots-dièse/,
        /<label for="mastodon-secret">Jeton d’accès/,
        /id="mastodon-secret" name="secret" type="password"(?![^>]*required)/,
      ],
      lacks: ['name="account"'],
    },
    'asks Bluesky for the account and a required app password; a feed only for its address': [
      {
        locale: 'en',
        props: { kind: 'bluesky', page, values: {}, errors: {} },
        has: [
          'value="https://bsky.social"',
          /<label for="bluesky-account">Account handle/,
          /id="bluesky-secret" name="secret" type="password"[^>]*required/,
        ],
      },
      {
        locale: 'en',
        props: { kind: 'rss', page, values: {}, errors: {} },
        has: ['Feed address'],
        lacks: ['name="secret"', 'name="hashtags"'],
      },
    ],
    'puts back what was typed but never the secret, with the refusal beside its field and in the summary': {
      locale: 'fr',
      props: {
        kind: 'mastodon',
        page,
        values: { url: 'http://mastodon.example', hashtags: 'Bataclan', secret: 'never-shown' },
        errors: { url: 'importSources.error.https_only' },
      },
      has: [
        'value="http://mastodon.example"',
        'value="Bataclan"',
        'Seules les adresses https:// sont acceptées.',
        'href="#mastodon-url"',
        /id="mastodon-url"[^>]*aria-invalid="true"/,
      ],
      lacks: ['never-shown'],
    },
  });
});
