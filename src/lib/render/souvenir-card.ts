import { formatDate, localizedPath } from '../i18n/index.ts';
import { plural } from '../i18n/plural.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { cardAuthorName, souvenirHeading } from '../souvenirs/naming.ts';
import { wallHref } from '../wall/wall-query.ts';
import { candleFormHtml } from './candle-form.ts';
import { attr, markup, trusted } from './html.ts';
import type { SafeHtml } from './html.ts';
import { souvenirPhotoHtml } from './photo.ts';
import { importCreditHtml } from './import-credit.ts';
import type { RenderView } from './view.ts';

/** The `sizes` of a card's photo in the wall's columns (SouvenirCard.astro). */
const CARD_PHOTO_SIZES = '(min-width: 60rem) 24rem, 100vw';

/** The `sizes` of a photo in a souvenir's own page. */
const PAGE_PHOTO_SIZES = '(min-width: 48rem) 44rem, 100vw';

/**
 * components/SouvenirCard.astro (candles on, no candle message) in one string instead of five
 * component instances per card, up to its candle form: a page of cards is the wall's hottest
 * render, and a souvenir's own page a crawler's (issue 19). The component stays the reference:
 * the two are held equal byte for byte (tests/components/render-templates.test.ts). The candle
 * form's script is left out (see candleFormHtml), and so is the closing tag, after which the
 * component writes that script on a souvenir's own page.
 */
function cardUpToItsCandles(view: RenderView, souvenir: PublicSouvenir, standalone: boolean): SafeHtml {
  const { locale, t } = view;
  const id = souvenir.publicId;
  const href = localizedPath(locale, `/souvenirs/${id}`);
  const authorName = cardAuthorName(souvenir);
  const { heading, bylineNeeded } = souvenirHeading(locale, { title: souvenir.title, authorName });
  const date = souvenir.approvedAt ?? souvenir.createdAt;
  const headingId = `souvenir-${id}`;
  const lang = souvenir.locale;
  const photos = souvenir.photos ?? [];
  const title = standalone
    ? markup`<h1${attr('id', headingId)}${attr('lang', lang)}><bdi>${heading}</bdi></h1>`
    : markup`<h2${attr('id', headingId)}${attr('lang', lang)}><a${attr('href', href)}><bdi>${heading}</bdi></a></h2>`;
  const byline =
    bylineNeeded && markup`<bdi><span${attr('lang', lang)}>${t('card.by', { name: authorName })}</span></bdi> · `;
  const pinned =
    souvenir.pinned && !standalone && markup` · <span class="pinned-badge">${t('wall.pinned.badge')}</span>`;
  const demo =
    souvenir.isDemo &&
    !standalone &&
    markup` · <span class="demo-badge"${attr('title', t('card.demoNote'))}>${t('card.demo')}</span>`;
  const shownPhotos =
    photos.length > 0 &&
    (standalone
      ? markup`<ul class="souvenir-photos">${photos.map((photo, i) => markup`<li>${souvenirPhotoHtml(view, photo, { sizes: PAGE_PHOTO_SIZES, lang, eager: i === 0, linked: true })}</li>`)}</ul>`
      : souvenirPhotoHtml(view, photos[0]!, { sizes: CARD_PHOTO_SIZES, lang }));
  const year = souvenir.memoryYear && markup`<span>${t('card.year', { year: souvenir.memoryYear })}</span>`;
  const event = souvenir.event && markup`<bdi${attr('lang', lang)}>${souvenir.event}</bdi>`;
  const context =
    (souvenir.memoryYear || souvenir.event) &&
    markup`<p class="memory-context">${year}${souvenir.memoryYear && souvenir.event && ' · '}${event}</p>`;
  const demoNote = souvenir.isDemo && standalone && markup`<p class="demo-note">${t('card.demoNote')}</p>`;
  const tags =
    souvenir.hashtags.length > 0 &&
    markup`<ul class="card-tags">${souvenir.hashtags.map((tag) => markup`<li><a${attr('href', wallHref(locale, { tag }))}>#<bdi>${tag}</bdi></a></li>`)}</ul>`;
  const comments =
    souvenir.commentCount > 0 &&
    markup`<span class="card-comments">${plural(locale, 'comment.count', souvenir.commentCount)}</span>`;
  const read =
    !standalone &&
    markup`<p class="card-read"><a${attr('href', `${href}#commentaires`)}${attr('aria-describedby', headingId)}>${t('card.readAndComment')}</a>${comments}</p>`;
  return markup`<article${attr('class', souvenir.pinned ? 'souvenir-card pinned' : 'souvenir-card')}${attr('aria-labelledby', headingId)}${attr('data-id', id)}><header>${title}<p class="meta">${byline}<time${attr('datetime', date.toISOString())}>${formatDate(locale, date)}</time>${pinned}${demo}</p></header>${shownPhotos}<div class="souvenir-body"${attr('lang', lang)} dir="auto">${trusted(souvenir.bodyHtml)}</div>${souvenir.importCredit && importCreditHtml(view, souvenir.importCredit)}${context}${demoNote}${tags}${read}${candleFormHtml(view, id, heading, souvenir.candleCount)}`;
}

/** A card as the wall shows it. */
export function souvenirCardHtml(view: RenderView, souvenir: PublicSouvenir): SafeHtml {
  return markup`${cardUpToItsCandles(view, souvenir, false)}</article>`;
}

/**
 * The card at the top of a souvenir's own page (`standalone`), without its closing tag: on that
 * page the candle script and its answers follow inside the card (wall/souvenir-shell.ts).
 */
export function standaloneCardOpeningHtml(view: RenderView, souvenir: PublicSouvenir): SafeHtml {
  return cardUpToItsCandles(view, souvenir, true);
}

/** A list of cards as one string, for `<Fragment set:html={…} />`. */
export function souvenirCardsHtml(view: RenderView, souvenirs: readonly PublicSouvenir[]): string {
  let out = '';
  for (const souvenir of souvenirs) out += souvenirCardHtml(view, souvenir).value;
  return out;
}
