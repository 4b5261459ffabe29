import { ActionError } from 'astro:actions';
import { refusalMessage } from '../lib/rules/refusal.ts';
import type { RuleRefusal } from '../lib/rules/refusal.ts';
import { RateLimited } from '../lib/security/enforce-limit.ts';
import { limitMessage } from '../lib/security/limit-message.ts';

/**
 * Rate limit and flood → 429 with the wait in the message, duplicate → 409; the page reads them
 * with `refusalNotice` and answers with `answerTooMany` (lib/security/too-many.ts).
 */
export function refusalToActionError(refusal: RuleRefusal | RateLimited): ActionError {
  if (refusal instanceof RateLimited)
    return new ActionError({ code: 'TOO_MANY_REQUESTS', message: limitMessage(refusal) });
  return new ActionError({
    code: refusal.code === 'flood' ? 'TOO_MANY_REQUESTS' : 'CONFLICT',
    message: refusalMessage(refusal),
  });
}
