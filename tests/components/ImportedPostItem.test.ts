import { describe } from 'vitest';
import ImportedPostItem from '../../src/components/imports/ImportedPostItem.astro';
import { markupCases } from './render.ts';
import { gatheredMedia } from './fixtures.ts';

const post = {
  id: 3,
  network: 'mastodon' as const,
  language: 'fr',
  url: 'https://social.test/@ana/110',
  account_handle: 'ana@social.test',
  account_name: 'Ana \u202Eevil',
  body_html: '<p>La salle <strong>ce soir-là</strong></p>',
  content_note: 'concert, émotion',
  media: gatheredMedia,
  posted_at: new Date('2026-11-13T20:10:00Z'),
  edited_at: null,
  fetched_at: new Date('2026-12-06T08:00:00Z'),
};

const askAction = '/moderation/importes?_action=imports.ask';

describe('ImportedPostItem', () => {
  markupCases(ImportedPostItem, {
    'shows the sanitised post, its content note, image descriptions and credit, marked private, with no hotlinked image':
      [
        {
          locale: 'fr',
          props: { post, forgetAction: '/moderation/importes?_action=imports.forget' },
          has: [
            '<strong>ce soir-là</strong>',
            'Avertissement de contenu : concert, émotion',
            'Image : La scène en bleu',
            'Image sans description',
            /<bdi[^>]*>Ana/,
            'href="https://social.test/@ana/110"',
            'Privé : jamais publié',
            /<form method="post" action="\/moderation\/importes\?_action=imports.forget"/,
            'name="id" value="3"',
            'Effacer de la file</button>',
          ],
          lacks: ['<img', 'files.social.test'],
        },
        {
          locale: 'en',
          props: { post: { ...post, edited_at: new Date() }, forgetAction: '/x' },
          has: ['See the original', 'edited'],
        },
      ],
    'offers to ask for consent once: a button with what it does, then the request’s status instead': [
      {
        locale: 'fr',
        props: { post, forgetAction: '/x', askAction, requestStatus: null },
        has: [
          /<form method="post" action="\/moderation\/importes\?_action=imports.ask"/,
          'Demander l’accord',
          'aria-describedby="ask-help-3"',
        ],
      },
      {
        locale: 'fr',
        props: { post, forgetAction: '/x', askAction, requestStatus: 'sent' },
        has: ['Accord demandé, en attente de réponse'],
        lacks: ['Demander l’accord'],
      },
      {
        locale: 'en',
        props: { post, forgetAction: '/x', askAction, requestStatus: 'failed' },
        has: ['Sending failed; you may try again', 'Ask for consent'],
      },
    ],
  });
});
