import { ActionError } from 'astro:actions';
import { refusalMessage } from '../lib/rules/refusal.ts';
import type { RuleRefusal } from '../lib/rules/refusal.ts';

/** Flood → 429 with the wait in the message, duplicate → 409; the page reads both with `readRefusalMessage`. */
export function refusalToActionError(refusal: RuleRefusal): ActionError {
  return new ActionError({
    code: refusal.code === 'flood' ? 'TOO_MANY_REQUESTS' : 'CONFLICT',
    message: refusalMessage(refusal),
  });
}
