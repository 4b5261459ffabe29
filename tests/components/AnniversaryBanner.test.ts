import { describe } from 'vitest';
import AnniversaryBanner from '../../src/components/wall/AnniversaryBanner.astro';
import { markupCases } from './render.ts';

const figures = { candlesToday: 1234, candlesSinceTheBeginning: 99999, souvenirsShared: 321 };

describe('AnniversaryBanner', () => {
  markupCases(AnniversaryBanner, {
    'says the day in the site’s own words, with the candles lit today, in French and English': [
      {
        locale: 'fr',
        props: { figures },
        has: [
          'Aujourd’hui, nous nous souvenons ensemble.',
          /<strong>1\u202f234<\/strong> bougies allumées aujourd’hui/,
          'role="note"',
        ],
      },
      { locale: 'en', props: { figures }, has: [/<strong>1,234<\/strong> candles lit today/] },
    ],
    'agrees with its number: “0 bougie allumée” in French, “1 candle lit” in English': [
      {
        locale: 'fr',
        props: { figures: { ...figures, candlesToday: 0 } },
        has: [/<strong>0<\/strong> bougie allumée aujourd’hui/],
      },
      {
        locale: 'en',
        props: { figures: { ...figures, candlesToday: 1 } },
        has: [/<strong>1<\/strong> candle lit today/],
      },
    ],
  });
});
