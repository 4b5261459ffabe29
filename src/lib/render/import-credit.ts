import type { ImportCredit } from '../../../db/types.ts';
import { attr, markup } from './html.ts';
import type { SafeHtml } from './html.ts';
import type { RenderView } from './view.ts';

/**
 * components/imports/ImportCredit.astro as a string, for the wall's templated cards: held equal
 * to the component byte for byte (tests/components/ConsentPreview.test.ts).
 */
export function importCreditHtml(view: RenderView, credit: ImportCredit): SafeHtml {
  const { t } = view;
  return markup`<p class="import-credit"><bdi>${t('credit.by', { name: credit.name })}</bdi> (<bdi>@${credit.handle}</bdi>) · <a${attr('href', credit.url)} rel="nofollow ugc noopener" referrerpolicy="no-referrer">${t('credit.original')}</a> · ${t('credit.consented')}</p>`;
}
