import { describe, expect, it } from 'vitest';
import DayMonthFields from '../../src/components/moderation/DayMonthFields.astro';
import { render } from './render.ts';

describe('DayMonthFields', () => {
  it('asks a day of the year as two bounded numbers with ids of their own', async () => {
    const html = await render(DayMonthFields, 'fr', {
      idPrefix: 'schedule',
      labels: { day: 'Jour', month: 'Mois' },
      day: '13',
      month: 11,
    });
    expect(html).toContain('<label for="schedule-day">Jour</label>');
    expect(html).toMatch(/id="schedule-day" name="day" type="number" min="1" max="31" value="13" inputmode="numeric"/);
    expect(html).toMatch(/id="schedule-month" name="month" type="number" min="1" max="12" value="11"/);
  });
});
