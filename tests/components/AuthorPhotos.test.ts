import { describe } from 'vitest';
import AuthorPhotos from '../../src/components/author/AuthorPhotos.astro';
import { markupCases } from './render.ts';

const photo = { id: 7, position: 1, src: '/photos/abc.jpg', altText: 'La scène', width: 1600, height: 1200 };
const props = { token: 't'.repeat(32), photos: [photo], lang: 'fr' };

describe('AuthorPhotos', () => {
  markupCases(AuthorPhotos, {
    'lets a pending souvenir’s author take a photo off, and says adding one is not done here': {
      locale: 'fr',
      props: { ...props, pending: true },
      has: [
        '<h2 id="author-photos-title">Vos photos</h2>',
        'vous pouvez retirer une photo ; cette page ne permet pas d’en ajouter.',
        'name="photoId" value="7"',
      ],
    },
    'only shows the photos of a published souvenir': {
      locale: 'en',
      props: { ...props, pending: false },
      has: ['Your photos', 'alt="La scène"'],
      lacks: ['this page cannot add one', 'name="photoId"'],
    },
  });
});
