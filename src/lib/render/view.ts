import type { Locale } from '../i18n/index.ts';
import type { BoundT } from '../i18n/locals.ts';

/** What a template reads of the request: what the middleware puts on `locals` (i18n/locals.ts). */
export interface RenderView {
  locale: Locale;
  t: BoundT;
}
