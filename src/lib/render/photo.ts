import type { ShownPhoto } from '../photos/shown.ts';
import { attr, markup } from './html.ts';
import type { SafeHtml } from './html.ts';
import type { RenderView } from './view.ts';

/** components/photos/PhotoPicture.astro: WebP where the browser takes it, JPEG otherwise. */
function pictureHtml(photo: ShownPhoto, sizes: string, eager: boolean, lang: string | undefined): SafeHtml {
  return markup`<picture><source type="image/webp"${attr('srcset', photo.webpSrcset)}${attr('sizes', sizes)}><img${attr('src', photo.src)}${attr('srcset', photo.jpegSrcset)}${attr('sizes', sizes)}${attr('width', photo.width)}${attr('height', photo.height)}${attr('alt', photo.altText)}${attr('lang', lang)}${attr('loading', eager ? 'eager' : 'lazy')} decoding="async"></picture>`;
}

/** How a photo sits in its page (SouvenirPhoto.astro's props). */
export interface PhotoPlace {
  sizes: string;
  lang: string;
  /** At the top of the page: not lazy. */
  eager?: boolean;
  /** Links to its widest version (a souvenir's own page). */
  linked?: boolean;
}

/**
 * components/photos/SouvenirPhoto.astro: the picture, behind a veil the visitor lifts when it
 * carries a content note.
 */
export function souvenirPhotoHtml(view: RenderView, photo: ShownPhoto, place: PhotoPlace): SafeHtml {
  const { sizes, lang, eager = false, linked = false } = place;
  const revealId = `photo-${photo.id}-voir`;
  const veil =
    photo.contentNote &&
    markup`<div class="photo-veil"><p class="photo-note"${attr('lang', lang)}>${view.t('photo.noteShown', { note: photo.contentNote })}</p><input type="checkbox"${attr('id', revealId)} class="photo-reveal"><label${attr('for', revealId)} class="button secondary">${view.t('photo.reveal')}</label></div>`;
  const picture = pictureHtml(photo, sizes, eager, lang);
  return markup`<figure${attr('class', photo.contentNote ? 'souvenir-photo veiled' : 'souvenir-photo')}>${veil}<div class="photo-frame">${linked ? markup`<a${attr('href', photo.largest)}>${picture}</a>` : picture}</div></figure>`;
}
