import { describe } from 'vitest';
import DayMonthFields from '../../src/components/moderation/DayMonthFields.astro';
import { markupCases } from './render.ts';

describe('DayMonthFields', () => {
  markupCases(DayMonthFields, {
    'asks a day of the year as two bounded numbers with ids of their own': {
      locale: 'fr',
      props: { idPrefix: 'schedule', labels: { day: 'Jour', month: 'Mois' }, day: '13', month: 11 },
      has: [
        '<label for="schedule-day">Jour</label>',
        /id="schedule-day" name="day" type="number" min="1" max="31" value="13" inputmode="numeric"/,
        /id="schedule-month" name="month" type="number" min="1" max="12" value="11"/,
      ],
    },
  });
});
