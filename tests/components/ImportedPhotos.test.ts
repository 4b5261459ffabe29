import { describe } from 'vitest';
import ImportedPhotos from '../../src/components/imports/ImportedPhotos.astro';
import { markupCases } from './render.ts';

const hash = 'a'.repeat(64);
const photo = {
  id: 1,
  position: 1,
  altText: 'La scène, éclairée en bleu',
  contentNote: 'émotion',
  width: 480,
  height: 320,
  thumbnail: `/photos/${hash}.jpg`,
};

describe('ImportedPhotos', () => {
  markupCases(ImportedPhotos, {
    'shows our re-encoded copy, blurred behind a "show" control, with its alt text and content note': {
      locale: 'fr',
      props: { photos: [photo, { ...photo, id: 2, altText: '', contentNote: null }] },
      has: [
        `src="/photos/${hash}.jpg"`,
        'alt="La scène, éclairée en bleu"',
        'alt="Image sans description"',
        /<summary[^>]*>Voir l’image nette<\/summary>/,
        'Avertissement de contenu : émotion',
        /<details[^>]*>\s*<summary/,
      ],
      lacks: ['social.test'],
    },
    'renders nothing for a post without images': { locale: 'en', props: { photos: [] }, lacks: ['<ul'] },
  });
});
