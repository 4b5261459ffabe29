import { describe } from 'vitest';
import NumberSetting from '../../src/components/NumberSetting.astro';
import { markupCases } from './render.ts';

describe('NumberSetting', () => {
  markupCases(NumberSetting, {
    'asks for a whole number within the domain’s bounds, required but not marked so': {
      locale: 'fr',
      props: {
        id: 'team-digest-hour',
        name: 'digestHour',
        label: 'Heure du résumé',
        limits: { min: 0, max: 23 },
        value: '19',
        error: undefined,
      },
      has: [
        /<input id="team-digest-hour" name="digestHour" type="number"/,
        'inputmode="numeric"',
        'min="0"',
        'max="23"',
        'required',
        'value="19"',
      ],
      lacks: ['aria-hidden="true"> *'],
    },
    'says its refusal beside it': {
      locale: 'en',
      props: {
        id: 'perAddressPerDay',
        label: 'Messages per address per day',
        limits: { min: 1, max: 100 },
        value: '0',
        error: 'Between 1 and 100.',
      },
      has: ['name="perAddressPerDay"'],
      refusals: { perAddressPerDay: 'Between 1 and 100.' },
    },
  });
});
