import { plural } from '../i18n/plural.ts';
import type { Locale } from '../i18n/index.ts';

/** "bougie allumée" / "bougies allumées" after a candle count. */
export function candleCountLabel(locale: Locale, count: number): string {
  return plural(locale, 'candle.count', count);
}
