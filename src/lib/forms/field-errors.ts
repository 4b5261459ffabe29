import { isInputError } from 'astro:actions';
import { isMessageKey } from '../i18n/index.ts';
import type { MessageKey } from '../i18n/index.ts';

/**
 * An Action's refusal as catalogue keys by field name: zod's first message for each field,
 * or the error's own message under `form`. Unknown messages become the generic one.
 */
export function fieldErrors(error: unknown): Record<string, MessageKey> {
  const errors: Record<string, MessageKey> = {};
  if (!error) return errors;
  const asKey = (message: string | undefined): MessageKey =>
    message && isMessageKey(message) ? message : 'error.generic';
  if (isInputError(error)) {
    for (const [field, messages] of Object.entries(error.fields)) {
      errors[field] = asKey((messages as string[] | undefined)?.[0]);
    }
  } else {
    errors.form = asKey((error as { message?: string }).message);
  }
  return errors;
}

/** What the person typed, minus every password: those are never sent back into a page. */
export function withoutPasswords(values: Record<string, string>, fields: readonly string[]): Record<string, string> {
  const kept = { ...values };
  for (const field of fields) delete kept[field];
  return kept;
}
