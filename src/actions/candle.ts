import { ActionError, defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getRuntime } from '../lib/runtime.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit, RateLimited } from '../lib/security/enforce-limit.ts';
import { refusalToActionError } from './rule-refusal.ts';
import { CandleError, lightCandle as light } from '../lib/wall/candles.ts';
import { t } from '../lib/i18n/index.ts';
import { candleCountLabel } from '../lib/wall/candle-label.ts';

export const lightCandle = defineAction({
  accept: 'form',
  input: z.object({
    souvenir: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, { error: 'candle.notFound' }),
    // The language of the message returned to the script that enhances the form.
    locale: z.enum(['fr', 'en']).nullish(),
  }),
  handler: async (input, context) => {
    const runtime = await getRuntime();
    const db = runtime.handle.db;
    const ipHash = visitorIpHash(runtime, context);
    try {
      await enforceRateLimit(db, 'candle', ipHash, { lifted: runtime.limitsLifted });
      const result = await light(db, { publicId: input.souvenir, ipHash });
      const locale = input.locale ?? 'fr';
      const message = t(locale, result.outcome === 'lit' ? 'candle.lit' : 'candle.alreadyLit');
      const label = candleCountLabel(locale, result.count);
      return { publicId: input.souvenir, outcome: result.outcome, count: result.count, message, label };
    } catch (error) {
      if (error instanceof RateLimited) throw refusalToActionError(error);
      if (error instanceof CandleError) throw new ActionError({ code: 'NOT_FOUND', message: 'candle.notFound' });
      console.error('[candle] could not light a candle:', error);
      throw new ActionError({ code: 'SERVICE_UNAVAILABLE', message: 'candle.failed' });
    }
  },
});
