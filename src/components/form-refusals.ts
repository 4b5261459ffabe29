import type { ActionClient, ActionReturnType } from 'astro:actions';
import { fieldErrors } from '../lib/forms/field-errors.ts';
import type { MessageKey } from '../lib/i18n/index.ts';

/** Which field a form-level refusal is about: a table of catalogue keys, or a function for a family of them. */
export type FieldOfRefusal = Partial<Record<MessageKey, string>> | ((key: MessageKey) => string | undefined);

/**
 * A refusal the domain raises for the whole form (a taken username, a wrong password) said beside
 * the field it is about instead, where the reader looks for it; the other refusals stay as they are.
 */
export function besideItsField(
  errors: Record<string, MessageKey>,
  fieldOf: FieldOfRefusal,
): Record<string, MessageKey> {
  const { form, ...fields } = errors;
  const field = form && (typeof fieldOf === 'function' ? fieldOf(form) : fieldOf[form]);
  return field ? { ...fields, [field]: form } : errors;
}

// Astro's own constraint for `getActionResult` (its Actions' types accept nothing narrower).
type AnyAction = ActionClient<any, any, any>;

/**
 * The outcome of a list page's per-row forms (one account's "disable", one source's "pause"), of
 * which one at most ran on this request: what it answered when it went through, and else the one
 * refusal its row shows — the form's own, or its first field's.
 */
export function rowOutcome<A extends AnyAction>(
  Astro: { getActionResult: (action: A) => ActionReturnType<A> | undefined },
  rowActions: readonly A[],
) {
  const results = rowActions.map((action) => Astro.getActionResult(action));
  const error = results.find((result) => result?.error)?.error;
  const errors = fieldErrors(error);
  return {
    done: results.find((result) => result?.data)?.data,
    refused: error !== undefined,
    refusal: errors.form ?? (Object.values(errors)[0] as MessageKey | undefined),
  };
}

/**
 * Where a refused row's sentence is said: on the row it was about, or above the list when that
 * row is gone from it (removed by another admin meanwhile), so it is never lost.
 */
export function refusalOnRows(refusal: string | null, refusedRow: number, rows: readonly { id: number }[]) {
  const rowShown = rows.some((row) => row.id === refusedRow);
  return {
    aboveList: rowShown ? null : refusal,
    onRow: (id: number) => (id === refusedRow ? refusal : null),
  };
}
