import type { Locale } from './index.ts';

// Also bundled into the candle form's script: no catalogue, only Intl.
const formatters = new Map<string, Intl.NumberFormat>();

function amount(locale: Locale, unit: 'second' | 'minute' | 'hour', n: number): string {
  const key = `${locale}:${unit}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { style: 'unit', unit, unitDisplay: 'long' });
    formatters.set(key, format);
  }
  return format.format(n);
}

/**
 * A wait in words, rounded up so that trying again after it always works: "45 secondes",
 * "12 minutes", "1 heure", "3 hours". Intl chooses the singular or plural of the unit.
 */
export function formatWait(locale: Locale, seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return amount(locale, 'second', s);
  const minutes = Math.ceil(s / 60);
  if (minutes === 60) return amount(locale, 'hour', 1);
  if (minutes < 90) return amount(locale, 'minute', minutes);
  return amount(locale, 'hour', Math.ceil(minutes / 60));
}
