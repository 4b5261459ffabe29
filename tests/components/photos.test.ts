import { describe, expect, it } from 'vitest';
import SouvenirCard from '../../src/components/SouvenirCard.astro';
import PhotoFields from '../../src/components/photos/PhotoFields.astro';
import QueuePhotos from '../../src/components/moderation/QueuePhotos.astro';
import { render } from './render.ts';
import { photoHash as hash, publicSouvenir, shownPhoto as photo } from './fixtures.ts';

describe('photos on a card', () => {
  it('shows the first photo only, with srcset, sizes, width and height, lazily', async () => {
    const second = photo({ id: 8, position: 2, altText: 'La file devant la salle' });
    const html = await render(SouvenirCard, 'fr', { souvenir: publicSouvenir({ photos: [photo(), second] }) });
    expect(html).toContain('<source type="image/webp"');
    expect(html).toMatch(
      /<img src="\/photos\/e{64}\.jpg" srcset="[^"]+ 1600w" sizes="[^"]+" width="1600" height="1200" alt="La scène vue du balcon"/,
    );
    expect(html).toContain('loading="lazy"');
    expect(html).not.toContain('La file devant la salle');
  });

  it('shows every photo on the souvenir’s page, linked to its widest version, the first one eager', async () => {
    const html = await render(SouvenirCard, 'fr', {
      souvenir: publicSouvenir({ photos: [photo(), photo({ id: 8, position: 2 })] }),
      standalone: true,
    });
    expect(html.match(/<img /g)).toHaveLength(2);
    expect(html).toContain(`<a href="/photos/${hash('f')}.jpg">`);
    expect(html).toContain('loading="eager"');
  });

  it('veils a photo with a content note behind a labelled checkbox', async () => {
    const html = await render(SouvenirCard, 'en', {
      souvenir: publicSouvenir({ photos: [photo({ contentNote: 'Dense crowd' })] }),
    });
    expect(html).toContain('souvenir-photo veiled');
    expect(html).toContain('Content note: Dense crowd');
    expect(html).toMatch(
      /<input type="checkbox" id="photo-7-voir" class="photo-reveal">\s*<label for="photo-7-voir"[^>]*>\s*Show the photo/,
    );
  });

  it('shows nothing of photos when a souvenir has none', async () => {
    const html = await render(SouvenirCard, 'fr', { souvenir: publicSouvenir() });
    expect(html).not.toContain('souvenir-photo');
  });
});

describe('the share form’s photos', () => {
  it('asks for a file, its text and a content note, the other slots folded', async () => {
    const html = await render(PhotoFields, 'fr', { values: {}, errors: {}, staged: [] });
    expect(html).toMatch(
      /<input type="file" id="photo1" name="photo1" accept="image\/jpeg,image\/png,image\/webp,image\/avif,image\/gif"/,
    );
    expect(html).toContain('for="photoAlt1"');
    expect(html).toContain('maxlength="300"');
    expect(html).toMatch(/<details class="photo-more">/);
    expect(html).not.toContain('name="photoUpload"');
  });

  it('shows a kept photo with a remove box instead of a file input, and says each refusal beside its slot', async () => {
    const html = await render(PhotoFields, 'en', {
      values: { photoUpload: 'T'.repeat(32), photoAlt1: 'The stage' },
      errors: { photo2: 'photo.refused.heic', photoAlt1: 'photo.alt.required' },
      staged: [{ id: 3, position: 1, width: 1200, height: 800, thumbnail: `${hash('a')}.jpg` }],
    });
    expect(html).toContain(`name="photoUpload" value="${'T'.repeat(32)}"`);
    expect(html).not.toContain('id="photo1"');
    expect(html).toContain('Photo 1 kept');
    expect(html).toContain('name="photoRemove1"');
    expect(html).toContain('Say in a few words what photo 1 shows.');
    expect(html).toContain('iPhone HEIC photos cannot be read here');
    expect(html).toMatch(/<details class="photo-more" open>/);
  });
});

describe('photos in the moderation queue', () => {
  it('blurs them behind a "show" switch and offers to correct the text or take one off', async () => {
    const html = await render(QueuePhotos, 'fr', { souvenirId: 5, photos: [photo()], domId: 'souvenir-5', lang: 'fr' });
    expect(html).toContain('class="queue-photos veiled"');
    expect(html).toMatch(/<label for="souvenir-5-photos-voir"[^>]*>Afficher les photos \(1\)/);
    expect(html).toContain('_action=photos.describe');
    expect(html).toContain('_action=photos.remove');
    expect(html).toContain('value="La scène vue du balcon"');
  });
});
