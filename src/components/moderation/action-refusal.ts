import { isInputError } from 'astro:actions';
import type { ActionError } from 'astro:actions';

/**
 * The catalogue key a moderation Action's refusal carries: its message, or for a form that did
 * not validate, its first field's (the schemas' messages are keys too).
 */
export function refusalMessage(error: ActionError): string | undefined {
  if (!isInputError(error)) return error.message;
  return Object.values(error.fields)
    .flat()
    .find((m): m is string => typeof m === 'string');
}
