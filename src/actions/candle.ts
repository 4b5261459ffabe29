import { defineAction } from 'astro:actions';
import { z } from 'astro/zod';
import { getRuntime } from '../lib/runtime.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit } from '../lib/security/enforce-limit.ts';
import { toActionError } from './errors.ts';
import { lightCandle as light } from '../lib/wall/candles.ts';
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
      throw toActionError(error, 'candle', 'candle.failed');
    }
  },
});
