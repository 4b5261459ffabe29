import { formatDate, localizedPath } from '../i18n/index.ts';
import { plural } from '../i18n/plural.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { cardAuthorName, souvenirHeading } from '../souvenirs/naming.ts';
import { wallHref } from '../wall/wall-query.ts';
import { candleFormHtml } from './candle-form.ts';
import { attr, markup, trusted } from './html.ts';
import type { SafeHtml } from './html.ts';
import { cardPhotoHtml } from './photo.ts';
import { importCreditHtml } from './import-credit.ts';
import type { RenderView } from './view.ts';

/** The `sizes` of a card's photo in the wall's columns (SouvenirCard.astro). */
const CARD_PHOTO_SIZES = '(min-width: 60rem) 24rem, 100vw';

/**
 * components/SouvenirCard.astro as the wall shows it (not standalone, candles on, no candle
 * message), in one string instead of five component instances per card: a page of cards is the
 * wall's hottest render (issue 19). The component stays the reference: the two are held equal
 * byte for byte (tests/components/render-templates.test.ts). The candle form's script is left out
 * (see candleFormHtml).
 */
export function souvenirCardHtml(view: RenderView, souvenir: PublicSouvenir): SafeHtml {
  const { locale, t } = view;
  const id = souvenir.publicId;
  const href = localizedPath(locale, `/souvenirs/${id}`);
  const authorName = cardAuthorName(souvenir);
  const { heading, bylineNeeded } = souvenirHeading(locale, { title: souvenir.title, authorName });
  const date = souvenir.approvedAt ?? souvenir.createdAt;
  const headingId = `souvenir-${id}`;
  const lang = souvenir.locale;
  const firstPhoto = souvenir.photos?.[0];
  const byline =
    bylineNeeded && markup`<bdi><span${attr('lang', lang)}>${t('card.by', { name: authorName })}</span></bdi> · `;
  const pinned = souvenir.pinned && markup` · <span class="pinned-badge">${t('wall.pinned.badge')}</span>`;
  const demo =
    souvenir.isDemo && markup` · <span class="demo-badge"${attr('title', t('card.demoNote'))}>${t('card.demo')}</span>`;
  const year = souvenir.memoryYear && markup`<span>${t('card.year', { year: souvenir.memoryYear })}</span>`;
  const event = souvenir.event && markup`<bdi${attr('lang', lang)}>${souvenir.event}</bdi>`;
  const context =
    (souvenir.memoryYear || souvenir.event) &&
    markup`<p class="memory-context">${year}${souvenir.memoryYear && souvenir.event && ' · '}${event}</p>`;
  const tags =
    souvenir.hashtags.length > 0 &&
    markup`<ul class="card-tags">${souvenir.hashtags.map((tag) => markup`<li><a${attr('href', wallHref(locale, { tag }))}>#<bdi>${tag}</bdi></a></li>`)}</ul>`;
  const comments =
    souvenir.commentCount > 0 &&
    markup`<span class="card-comments">${plural(locale, 'comment.count', souvenir.commentCount)}</span>`;
  return markup`<article${attr('class', souvenir.pinned ? 'souvenir-card pinned' : 'souvenir-card')}${attr('aria-labelledby', headingId)}${attr('data-id', id)}><header><h2${attr('id', headingId)}${attr('lang', lang)}><a${attr('href', href)}><bdi>${heading}</bdi></a></h2><p class="meta">${byline}<time${attr('datetime', date.toISOString())}>${formatDate(locale, date)}</time>${pinned}${demo}</p></header>${firstPhoto && cardPhotoHtml(view, firstPhoto, CARD_PHOTO_SIZES, lang)}<div class="souvenir-body"${attr('lang', lang)} dir="auto">${trusted(souvenir.bodyHtml)}</div>${souvenir.importCredit && importCreditHtml(view, souvenir.importCredit)}${context}${tags}<p class="card-read"><a${attr('href', `${href}#commentaires`)}${attr('aria-describedby', headingId)}>${t('card.readAndComment')}</a>${comments}</p>${candleFormHtml(view, id, heading, souvenir.candleCount)}</article>`;
}

/** A list of cards as one string, for `<Fragment set:html={…} />`. */
export function souvenirCardsHtml(view: RenderView, souvenirs: readonly PublicSouvenir[]): string {
  let out = '';
  for (const souvenir of souvenirs) out += souvenirCardHtml(view, souvenir).value;
  return out;
}
