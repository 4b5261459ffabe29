import { describe } from 'vitest';
import AuthorPhotos from '../../src/components/author/AuthorPhotos.astro';
import { markupCases } from './render.ts';

const photo = { id: 7, position: 1, src: '/photos/abc.jpg', altText: 'La scène', width: 1600, height: 1200 };
const props = { token: 't'.repeat(32), photos: [photo], lang: 'fr', staged: [], values: {}, errors: {} };
const four = [1, 2, 3, 4].map((position) => ({ ...photo, id: position, position }));

describe('AuthorPhotos', () => {
  markupCases(AuthorPhotos, {
    'lets a pending souvenir’s author take a photo off, and add the next one with its file, text and note': {
      locale: 'fr',
      props: { ...props, pending: true },
      has: [
        '<h2 id="author-photos-title">Vos photos</h2>',
        'vous pouvez ajouter une photo oubliée ou en retirer une',
        'name="photoId" value="7"',
        'enctype="multipart/form-data"',
        'name="photoSlot" value="2"',
        'id="photo2" name="photo2"',
        'name="photoAlt2"',
        'name="photoNote2"',
      ],
    },
    'offers to add a photo to a pending souvenir that has none': {
      locale: 'en',
      props: { ...props, photos: [], pending: true },
      has: ['Your photos', 'Add a photo', 'id="photo1" name="photo1"'],
      lacks: ['photo-thumbs'],
    },
    'says a pending souvenir with four photos is full, with no file input': {
      locale: 'en',
      props: { ...props, photos: four, pending: true },
      has: ['already has 4 photos'],
      lacks: ['type="file"'],
    },
    'only shows the photos of a published souvenir': {
      locale: 'en',
      props: { ...props, pending: false },
      has: ['Your photos', 'alt="La scène"'],
      lacks: ['you can add a photo', 'name="photoId"', 'type="file"'],
    },
  });
});
