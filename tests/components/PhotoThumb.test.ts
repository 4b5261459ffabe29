import { describe } from 'vitest';
import PhotoThumb from '../../src/components/photos/PhotoThumb.astro';
import { markupCases } from './render.ts';

describe('PhotoThumb', () => {
  markupCases(PhotoThumb, {
    'shows a photo 160 px wide with its height in proportion, described in the author’s language': {
      locale: 'fr',
      props: {
        src: '/photos/abc.webp',
        altText: 'La scène, 2014',
        lang: 'en',
        width: 1600,
        height: 1200,
        loading: 'lazy',
      },
      exactly: '<img src="/photos/abc.webp" alt="La scène, 2014" lang="en" width="160" height="120" loading="lazy">',
    },
    'leaves loading to the browser unless asked': {
      locale: 'en',
      props: { src: '/p.jpg', altText: '', width: 900, height: 1600 },
      has: ['height="284"'],
      lacks: ['loading='],
    },
  });
});
