import { isMessageKey, t } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';
import type { CandleOutcome } from './candles.ts';
import { limitText, readLimitMessage } from '../security/limit-message.ts';

/** The `?bougie=` value a souvenir's page is redirected to after a candle posted without JavaScript. */
export function candleParam(outcome: CandleOutcome): string {
  return outcome === 'lit' ? 'allumee' : 'deja';
}

/**
 * What the souvenir's page says about the visitor's candle: after the redirect (`?bougie=`), or
 * the refusal the Action gave (a catalogue key), or nothing.
 */
export function candleMessage(
  locale: Locale,
  param: string | null,
  errorKey: string | null | undefined,
): string | null {
  const limit = readLimitMessage(errorKey);
  if (limit) return limitText(locale, limit.action, limit.retryAfterSeconds);
  if (errorKey) return t(locale, isMessageKey(errorKey) ? errorKey : 'candle.failed');
  if (param === 'allumee') return t(locale, 'candle.lit');
  if (param === 'deja') return t(locale, 'candle.alreadyLit');
  return null;
}
