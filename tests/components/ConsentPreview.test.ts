import { describe, expect, it } from 'vitest';
import ConsentPreview from '../../src/components/imports/ConsentPreview.astro';
import ConsentForm from '../../src/components/imports/ConsentForm.astro';
import ImportCredit from '../../src/components/imports/ImportCredit.astro';
import type { ConsentPage } from '../../src/lib/imports/consent.ts';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import { importCreditHtml } from '../../src/lib/render/import-credit.ts';
import { souvenirCardHtml } from '../../src/lib/render/souvenir-card.ts';
import { localeView } from '../../src/lib/i18n/locals.ts';
import { markupCases, render } from './render.ts';
import { gatheredMedia, publicSouvenir } from './fixtures.ts';

const viewFor = localeView;

const page: ConsentPage = {
  requestId: 1,
  status: 'proved',
  keyword: 'ACCORD-K7M2PQ',
  expiresAt: new Date('2026-12-20T10:00:00Z'),
  network: 'mastodon',
  accountName: 'Ana \u202Eevil',
  accountHandle: 'ana@social.test',
  url: 'https://social.test/@ana/601',
  bodyHtml: '<p>Le <strong>premier</strong> rang</p>',
  contentNote: 'émotion',
  media: gatheredMedia,
  photos: [],
  language: 'fr',
  consent: null,
};

const photo = { position: 0, width: 400, height: 300, contentNote: null };

describe('the consent page’s parts', () => {
  markupCases(ConsentPreview, {
    'previews exactly the sanitised text, the content note, the image descriptions and the credit, hotlinking nothing':
      {
        locale: 'fr',
        props: { page },
        has: [
          '<strong>premier</strong> rang',
          'Avertissement de contenu (affiché en titre) : émotion',
          'Image, avec sa description : La scène en bleu',
          'Image sans description',
          'publié avec l’accord de son auteur·rice',
        ],
        lacks: ['files.social.test', '<img'],
      },
    'shows the post’s images as our re-encoded thumbnails with their alt texts, blurred only under a content note': {
      locale: 'fr',
      props: {
        page: {
          ...page,
          photos: [
            { ...photo, id: 1, altText: 'La scène en bleu', thumbnail: '/photos/aaa.jpg' },
            { ...photo, id: 2, altText: '', contentNote: 'émotion', thumbnail: '/photos/bbb.jpg' },
          ],
        },
      },
      has: [
        'aria-label="Vos images, telles que nous les publierions (copies ré-encodées)"',
        /<figure class="clear"[^>]*>\s*<img src="\/photos\/aaa\.jpg" alt="La scène en bleu"/,
        /<details[^>]*>\s*<summary[^>]*>Voir l’image nette<\/summary>\s*<\/details>\s*<img src="\/photos\/bbb\.jpg" alt="Image sans description"/,
      ],
      lacks: ['files.social.test'],
    },
  });

  markupCases(ImportCredit, {
    'credits with the name and handle isolated, and a nofollow ugc link to the original': {
      locale: 'en',
      props: { credit: { name: 'Ana \u202Eevil', handle: 'ana@social.test', url: 'https://social.test/@ana/601' } },
      has: [
        /<bdi>by Ana/,
        '<bdi>@ana@social.test</bdi>',
        /<a href="https:\/\/social\.test\/@ana\/601" rel="nofollow ugc noopener"/,
        'published with its author’s consent',
      ],
    },
  });

  it('is the same, byte for byte, in the wall’s templated cards and in the component', async () => {
    const credit = { name: 'Ana <b>&', handle: 'ana@social.test', url: 'https://social.test/@ana/601?a=1&b="2"' };
    for (const locale of ['fr', 'en'] as const) {
      const component = await render(ImportCredit, locale, { credit });
      expect(component.trim()).toBe(importCreditHtml(viewFor(locale), credit).value);
    }
    const card = await render(SouvenirCard, 'fr', { souvenir: publicSouvenir({ importCredit: { ...credit } }) });
    expect(card).toContain(importCreditHtml(viewFor('fr'), credit).value);
    expect(souvenirCardHtml(viewFor('fr'), publicSouvenir({ importCredit: credit })).value).toContain(
      importCreditHtml(viewFor('fr'), credit).value,
    );
  });

  it('offers the four uses as separate boxes, ticked as chosen, with the refusal tied to them', async () => {
    const html = await render(ConsentForm, 'fr', {
      token: 't'.repeat(32),
      action: '/accord/x?_action=consent.give',
      chosen: ['wall', 'photos'],
      error: 'consent.error.noWall',
    });
    expect(html.match(/type="checkbox" name="scopes"/g)).toHaveLength(4);
    expect(html).toMatch(/value="wall" checked/);
    expect(html).toMatch(/value="photos" checked/);
    expect(html).not.toMatch(/value="screen" checked/);
    expect(html).not.toMatch(/value="archive" checked/);
    expect(html).toContain('aria-describedby="consent-error"');
    expect(html).toContain('Cochez au moins « sur le mur »');
  });
});
