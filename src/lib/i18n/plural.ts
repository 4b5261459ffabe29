import { formatNumber, t } from './index.ts';
import type { Locale, MessageKey } from './index.ts';

/** The two forms French and English need; the catalogue has `<base>.one` and `<base>.other`. */
export type PluralForm = 'one' | 'other';

/** A catalogue key prefix that has both forms, e.g. `candle.count` for `candle.count.one|other`. */
export type PluralBase = {
  [K in MessageKey]: K extends `${infer B}.one` ? (`${B}.other` extends MessageKey ? B : never) : never;
}[MessageKey];

const rules = new Map<Locale, Intl.PluralRules>();

/** The forms of the counts a page shows most (0 to 999), asked of Intl once each: two a card. */
const KEPT_FORMS = 1000;
const keptForms: Record<Locale, PluralForm[]> = { fr: [], en: [] };

/**
 * The form a count takes in the locale, by Intl.PluralRules: French puts 0 and 1 in the singular
 * ("0 bougie allumée"), English only 1 ("0 candles lit").
 */
export function pluralForm(locale: Locale, count: number): PluralForm {
  const small = Number.isInteger(count) && count >= 0 && count < KEPT_FORMS;
  const known = small ? keptForms[locale][count] : undefined;
  if (known) return known;
  let rule = rules.get(locale);
  if (!rule) rules.set(locale, (rule = new Intl.PluralRules(locale === 'fr' ? 'fr-FR' : 'en-GB')));
  const form = rule.select(count) === 'one' ? 'one' : 'other';
  if (small) keptForms[locale][count] = form;
  return form;
}

/** The key of the form `count` takes: `<base>.one` or `<base>.other`. */
export function pluralKey(locale: Locale, base: PluralBase, count: number): MessageKey {
  const key: `${PluralBase}.${PluralForm}` = `${base}.${pluralForm(locale, count)}`;
  return key;
}

/** The message for `count` in its plural form, with `{count}` formatted by Intl. */
export function plural(
  locale: Locale,
  base: PluralBase,
  count: number,
  vars: Record<string, string | number> = {},
): string {
  return t(locale, pluralKey(locale, base, count), { count: formatNumber(locale, count), ...vars });
}
