import { describe, expect, it } from 'vitest';
import ImportedPhotos from '../../src/components/imports/ImportedPhotos.astro';
import { render } from './render.ts';

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
  it('shows our re-encoded copy, blurred behind a "show" control, with its alt text and content note', async () => {
    const html = await render(ImportedPhotos, 'fr', {
      photos: [photo, { ...photo, id: 2, altText: '', contentNote: null }],
    });
    expect(html).toContain(`src="/photos/${hash}.jpg"`);
    expect(html).toContain('alt="La scène, éclairée en bleu"');
    expect(html).toContain('alt="Image sans description"');
    expect(html).toMatch(/<summary[^>]*>Voir l’image nette<\/summary>/);
    expect(html).toContain('Avertissement de contenu : émotion');
    expect(html).toMatch(/<details[^>]*>\s*<summary/);
    expect(html).not.toContain('social.test');
  });

  it('renders nothing for a post without images', async () => {
    expect(await render(ImportedPhotos, 'en', { photos: [] })).not.toContain('<ul');
  });
});
