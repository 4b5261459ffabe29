import type { ShownPhoto } from '../photos/shown.ts';
import { attr, markup } from './html.ts';
import type { SafeHtml } from './html.ts';
import type { RenderView } from './view.ts';

/** components/photos/PhotoPicture.astro: WebP where the browser takes it, JPEG otherwise. */
function pictureHtml(photo: ShownPhoto, sizes: string, eager: boolean, lang: string | undefined): SafeHtml {
  return markup`<picture><source type="image/webp"${attr('srcset', photo.webpSrcset)}${attr('sizes', sizes)}><img${attr('src', photo.src)}${attr('srcset', photo.jpegSrcset)}${attr('sizes', sizes)}${attr('width', photo.width)}${attr('height', photo.height)}${attr('alt', photo.altText)}${attr('lang', lang)}${attr('loading', eager ? 'eager' : 'lazy')} decoding="async"></picture>`;
}

/**
 * components/photos/SouvenirPhoto.astro as a card shows it (not linked): the picture, behind a
 * veil the visitor lifts when it carries a content note.
 */
export function cardPhotoHtml(view: RenderView, photo: ShownPhoto, sizes: string, lang: string): SafeHtml {
  const revealId = `photo-${photo.id}-voir`;
  const veil =
    photo.contentNote &&
    markup`<div class="photo-veil"><p class="photo-note"${attr('lang', lang)}>${view.t('photo.noteShown', { note: photo.contentNote })}</p><input type="checkbox"${attr('id', revealId)} class="photo-reveal"><label${attr('for', revealId)} class="button secondary">${view.t('photo.reveal')}</label></div>`;
  return markup`<figure${attr('class', photo.contentNote ? 'souvenir-photo veiled' : 'souvenir-photo')}>${veil}<div class="photo-frame">${pictureHtml(photo, sizes, false, lang)}</div></figure>`;
}
