import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getRuntime } from '../lib/runtime.ts';
import { t } from '../lib/i18n/index.ts';
import type { MessageKey } from '../lib/i18n/index.ts';
import { CONTRIBUTION_KINDS } from '../lib/contributions/kinds.ts';
import type { ContributionKind } from '../lib/contributions/kinds.ts';
import { MAX_SANITIZE_INPUT } from '../lib/sanitize/sanitize.ts';
import type { SanitizeErrorCode } from '../lib/sanitize/sanitize.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { hitRateLimit } from '../lib/security/rate-limit.ts';
import { PREVIEW_BUDGET, previewBody } from '../lib/writing/preview.ts';
import { answeredHandler } from './admin-handler.ts';

/** What the form would answer, in the words the form itself uses beside the text field (errors.ts). */
const REFUSALS: Readonly<Record<ContributionKind, Record<SanitizeErrorCode, MessageKey>>> = {
  souvenir: {
    too_long: 'error.body.tooLong',
    unparseable: 'error.body.unsafe',
    frameset: 'error.body.frameset',
    empty: 'error.text.empty',
  },
  comment: {
    too_long: 'error.comment.tooLong',
    unparseable: 'error.body.unsafe',
    frameset: 'error.body.frameset',
    empty: 'error.text.empty',
  },
};

/**
 * The formatting bar's preview: the HTML the wall would show for a text, from the sanitiser every
 * write goes through (writing/preview.ts), so the two cannot differ. Writes nothing but its rate
 * counter; the body limit is every route's (scripts/lib/request-body.ts).
 */
export const preview = defineAction({
  accept: 'json',
  input: z.object({
    kind: z.enum(CONTRIBUTION_KINDS),
    body: z.string().max(MAX_SANITIZE_INPUT),
    locale: z.enum(['fr', 'en']),
  }),
  // The page says "try again" in its own words whatever the message of a failure.
  handler: answeredHandler('preview', async (input, context) => {
    const runtime = await getRuntime();
    if (!runtime.limitsLifted) {
      const ipHash = visitorIpHash(runtime, context);
      const decision = await hitRateLimit(runtime.handle.db, 'preview', ipHash, PREVIEW_BUDGET);
      if (!decision.allowed) {
        throw new ActionError({ code: 'TOO_MANY_REQUESTS', message: t(input.locale, 'preview.tooMany') });
      }
    }
    const result = previewBody(input.kind, input.body);
    const removed = result.removed?.length
      ? t(input.locale, 'preview.removed', { items: result.removed.join(', ') })
      : null;
    if ('html' in result) return { html: result.html, refusal: null, removed };
    const refusal = t(input.locale, REFUSALS[input.kind][result.refusal]);
    return { html: null, refusal: removed ? `${refusal} ${removed}` : refusal, removed: null };
  }),
});
