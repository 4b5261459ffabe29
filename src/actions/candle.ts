import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { visitorHandler } from './visitor-handler.ts';
import { lightCandle as light } from '../lib/wall/candles.ts';
import { t } from '../lib/i18n/index.ts';
import { candleCountLabel } from '../lib/wall/candle-label.ts';
import { PUBLIC_ID } from '../lib/security/tokens.ts';

export const lightCandle = formAction(
  z.object({
    souvenir: z.string().regex(PUBLIC_ID, { error: 'candle.notFound' }),
    // The language of the message returned to the script that enhances the form.
    locale: z.enum(['fr', 'en']).nullish(),
  }),
  visitorHandler(
    'candle',
    async (input, { db, ipHash }) => {
      const result = await light(db, { publicId: input.souvenir, ipHash });
      const locale = input.locale ?? 'fr';
      const message = t(locale, result.outcome === 'lit' ? 'candle.lit' : 'candle.alreadyLit');
      const label = candleCountLabel(locale, result.count);
      return { publicId: input.souvenir, outcome: result.outcome, count: result.count, message, label };
    },
    'candle.failed',
  ),
);
