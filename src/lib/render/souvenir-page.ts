import type { CommentThread } from '../comments/list-comments.ts';
import { LOCALES, localizedPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import { samePageIn } from '../i18n/same-page.ts';
import { sharedPhoto } from '../photos/shown.ts';
import type { ShownPhoto } from '../photos/shown.ts';
import { toPlainText } from '../sanitize/sanitize.ts';
import type { PublicSouvenir } from '../souvenirs/model.ts';
import { souvenirHeading } from '../souvenirs/naming.ts';
import { commentListHtml } from './comment-list.ts';
import { attr, markup } from './html.ts';
import { reportFormHtml } from './report-form.ts';
import { standaloneCardOpeningHtml } from './souvenir-card.ts';
import type { RenderView } from './view.ts';

/** The query string of the report Action (`actions.report` in astro:actions). */
export const REPORT_QUERY = '?_action=report';

/** What a souvenir's page says of it in its head and its share button. */
export interface SouvenirPageFacts {
  title: string;
  /** The start of its text, for search engines and link previews. */
  excerpt: string;
  pagePath: string;
  canonical: string;
  /** The photo a link shared elsewhere shows: the first one a visitor need not choose to see. */
  shareImage: ShownPhoto | null;
}

export function souvenirPageFacts(view: RenderView, souvenir: PublicSouvenir, origin: string): SouvenirPageFacts {
  const pagePath = localizedPath(view.locale, `/souvenirs/${souvenir.publicId}`);
  return {
    title: souvenirHeading(view.locale, souvenir).heading,
    excerpt: toPlainText(souvenir.bodyHtml).slice(0, 200),
    pagePath,
    canonical: new URL(pagePath, origin).href,
    shareImage: sharedPhoto(souvenir.photos),
  };
}

/** Where souvenir pages differ from one another when nobody has asked anything of them (wall/souvenir-shell.ts). */
export type SouvenirHole = 'head' | 'languageSwitch' | 'card' | 'share' | 'report' | 'comments' | 'commentTarget';

/**
 * A souvenir's page as its bare address shows it (no answer to a form, no report open), in the
 * parts where it differs from another souvenir's: the head from its title (Base.astro, its
 * LanguageAlternates and the page's own head), the language switch (LanguageSwitch.astro), the
 * card up to its candle form (SouvenirCard.astro), the share button (ShareButton.astro), the
 * report form (ReportForm.astro), the comments (CommentList.astro) and the comment form's
 * target (CommentForm.astro). Written as those components write them: a page filled with these
 * parts is held byte-equal to Astro's render (tests/e2e/souvenir-shell.test.ts), and a shell is
 * only cut where each part is found once in Astro's own page.
 */
export function souvenirPageParts(
  view: RenderView,
  souvenir: PublicSouvenir,
  threads: readonly CommentThread[],
  origin: string,
): Record<SouvenirHole, string> {
  const { locale, t } = view;
  const { title, excerpt, pagePath, canonical, shareImage } = souvenirPageFacts(view, souvenir, origin);
  const siteName = t('site.name');
  const alternate = (hreflang: string, to: Locale) =>
    markup`<link rel="alternate"${attr('hreflang', hreflang)}${attr('href', new URL(samePageIn(to, pagePath, ''), origin).href)}>`;
  const image =
    shareImage &&
    markup`<meta property="og:image"${attr('content', new URL(shareImage.src, origin).href)}><meta property="og:image:alt"${attr('content', shareImage.altText)}>`;
  const head = markup`<title>${title === siteName ? title : `${title} · ${siteName}`}</title>${excerpt && markup`<meta name="description"${attr('content', excerpt)}>`}${LOCALES.map((to) => alternate(to, to))}${alternate('x-default', 'fr')}<link rel="canonical"${attr('href', canonical)}><meta property="og:type" content="article"><meta property="og:title"${attr('content', title)}><meta property="og:description"${attr('content', excerpt)}><meta property="og:url"${attr('content', canonical)}><meta property="og:site_name"${attr('content', siteName)}>${image}<meta name="twitter:card"${attr('content', shareImage ? 'summary_large_image' : 'summary')}><meta name="twitter:title"${attr('content', title)}><meta name="twitter:description"${attr('content', excerpt)}>`;
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const languageSwitch = markup`<a class="language-switch"${attr('href', samePageIn(other, pagePath, ''))}${attr('hreflang', other)}${attr('lang', other)}${attr('aria-label', t('nav.languageLabel'))}>${t('nav.language')}</a>`;
  const share = markup`<div class="share-souvenir"${attr('data-url', canonical)}${attr('data-title', title)}${attr('data-copied', t('wall.share.copied'))}${attr('data-copy-by', t('wall.share.copyBy', { url: canonical }))}><button type="button" class="button secondary share-button" hidden>${t('wall.share.button')}</button><p class="share-status" role="status"></p></div>`;
  const reportAction = pagePath + REPORT_QUERY;
  return {
    head: head.value,
    languageSwitch: languageSwitch.value,
    card: standaloneCardOpeningHtml(view, souvenir).value,
    share: share.value,
    report: reportFormHtml(view, 'souvenir', souvenir.publicId, reportAction, null).value,
    comments: commentListHtml(view, threads, pagePath, { action: reportAction, error: null, open: null }),
    // With the empty reply target after it: the candle form writes the same first input.
    commentTarget:
      markup`<input type="hidden" name="souvenir"${attr('value', souvenir.publicId)}><input type="hidden" name="parent" value>`
        .value,
  };
}
