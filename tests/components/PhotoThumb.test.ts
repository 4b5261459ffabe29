import { describe, expect, it } from 'vitest';
import PhotoThumb from '../../src/components/photos/PhotoThumb.astro';
import { render } from './render.ts';

describe('PhotoThumb', () => {
  it('shows a photo 160 px wide with its height in proportion, described in the author’s language', async () => {
    const html = await render(PhotoThumb, 'fr', {
      src: '/photos/abc.webp',
      altText: 'La scène, 2014',
      lang: 'en',
      width: 1600,
      height: 1200,
      loading: 'lazy',
    });
    expect(html).toBe(
      '<img src="/photos/abc.webp" alt="La scène, 2014" lang="en" width="160" height="120" loading="lazy">',
    );
  });

  it('leaves loading to the browser unless asked', async () => {
    const html = await render(PhotoThumb, 'en', { src: '/p.jpg', altText: '', width: 900, height: 1600 });
    expect(html).toContain('height="284"');
    expect(html).not.toContain('loading=');
  });
});
