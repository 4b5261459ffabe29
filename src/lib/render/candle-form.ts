import { formatNumber, localizedPath } from '../i18n/index.ts';
import { candleCountLabel } from '../wall/candle-label.ts';
import { attr, markup } from './html.ts';
import type { SafeHtml } from './html.ts';
import type { RenderView } from './view.ts';

/** The query string of the lightCandle Action (`actions.lightCandle` in astro:actions). */
export const LIGHT_CANDLE_QUERY = '?_action=lightCandle';

/**
 * components/wall/CandleForm.astro without a message (a card on the wall), and without its
 * script and the messages the script says: a page of templated cards renders CandleScript.astro
 * once.
 */
export function candleFormHtml(view: RenderView, publicId: string, heading: string, count: number): SafeHtml {
  const { locale, t } = view;
  const action = localizedPath(locale, `/souvenirs/${publicId}`) + LIGHT_CANDLE_QUERY;
  return markup`<form class="candle" method="post"${attr('action', action)}${attr('data-lit-for', t('candle.litFor', { title: heading }))}><input type="hidden" name="souvenir"${attr('value', publicId)}><input type="hidden" name="locale"${attr('value', locale)}><button type="submit" class="candle-button"${attr('aria-label', t('candle.lightFor', { title: heading }))}><span class="candle" aria-hidden="true"></span><span class="candle-button-text">${t('candle.light')}</span></button><p class="candle-tally"><span class="candle-count"${attr('data-count', count)}>${formatNumber(locale, count)}</span> <span class="candle-label">${candleCountLabel(locale, count)}</span></p><p class="candle-message" role="status"></p></form>`;
}
