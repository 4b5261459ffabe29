import { formatNumber, t } from '../i18n/index.ts';
import type { Locale, MessageKey } from '../i18n/index.ts';

const rules = new Map<Locale, Intl.PluralRules>();

/**
 * The message for `count` in the plural form the locale uses (French says "0 bougie allumée",
 * English "0 candles lit"): `<key>.one` or `<key>.other`, with `{count}` formatted.
 */
export function plural(locale: Locale, key: string, count: number, vars: Record<string, string | number> = {}): string {
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale === 'fr' ? 'fr-FR' : 'en-GB')));
  const form = rule.select(count) === 'one' ? 'one' : 'other';
  return t(locale, `${key}.${form}` as MessageKey, { count: formatNumber(locale, count), ...vars });
}

/** "bougie allumée" / "bougies allumées" after a candle count. */
export function candleCountLabel(locale: Locale, count: number): string {
  return plural(locale, 'candle.count', count);
}
