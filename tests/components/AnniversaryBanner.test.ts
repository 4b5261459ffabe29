import { describe, expect, it } from 'vitest';
import AnniversaryBanner from '../../src/components/wall/AnniversaryBanner.astro';
import { render } from './render.ts';

const figures = { candlesToday: 1234, candlesSinceTheBeginning: 99999, souvenirsShared: 321 };

describe('AnniversaryBanner', () => {
  it('says the day in the site’s own words, with the candles lit today, in French and English', async () => {
    const fr = await render(AnniversaryBanner, 'fr', { figures });
    expect(fr).toContain('Aujourd’hui, nous nous souvenons ensemble.');
    expect(fr).toMatch(/<strong>1\u202f234<\/strong> bougies allumées aujourd’hui/);
    expect(fr).toContain('role="note"');
    const en = await render(AnniversaryBanner, 'en', { figures });
    expect(en).toMatch(/<strong>1,234<\/strong> candles lit today/);
  });

  it('agrees with its number: “0 bougie allumée” in French, “1 candle lit” in English', async () => {
    const none = { ...figures, candlesToday: 0 };
    expect(await render(AnniversaryBanner, 'fr', { figures: none })).toMatch(
      /<strong>0<\/strong> bougie allumée aujourd’hui/,
    );
    const one = { ...figures, candlesToday: 1 };
    expect(await render(AnniversaryBanner, 'en', { figures: one })).toMatch(/<strong>1<\/strong> candle lit today/);
  });
});
