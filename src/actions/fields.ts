import { z } from 'astro/zod';

/** PostgreSQL's largest `integer`: an id past it cannot name a row (and would fail the query). */
const MAX_ROW_ID = 2_147_483_647;

/** An empty form field is absent, not 0 (what Astro would make of it for z.number()). */
const blankAsAbsent = (v: unknown) =>
  v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ? undefined : Number(v);

const integerIn = (range: { min: number; max: number }, error: string) =>
  z.number({ error }).int({ error }).min(range.min, { error }).max(range.max, { error });

/** A whole number typed in a form field, within `range`; an empty field is refused with `error`. */
export function wholeNumber(range: { min: number; max: number }, error: string) {
  return z.preprocess(blankAsAbsent, integerIn(range, error));
}

/** The same, where an empty field means "not given". */
export function optionalWholeNumber(range: { min: number; max: number }, error: string) {
  return z.preprocess(blankAsAbsent, integerIn(range, error).optional());
}

/** A row's id sent as a number (a JSON Action call), refused with `error` when it cannot be one. */
export function rowId(error: string) {
  return z.number({ error }).int({ error }).min(1, { error }).max(MAX_ROW_ID, { error });
}

/** A row's id from a form's hidden field (digits only), refused with `error` when it cannot be one. */
export function formRowId(error: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
    z.number({ error }).int().positive({ error }),
  );
}

/** An email address as typed: trimmed, at most 254 characters (RFC 5321's path limit). */
export function emailAddress(messages: { required: string; invalid: string }) {
  return z
    .string({ error: messages.required })
    .trim()
    .min(1, { error: messages.required })
    .max(254, { error: messages.invalid })
    .pipe(z.email({ error: messages.invalid }));
}
