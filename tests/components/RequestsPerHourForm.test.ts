import { describe } from 'vitest';
import RequestsPerHourForm from '../../src/components/imports/RequestsPerHourForm.astro';
import { markupCases } from './render.ts';

describe('RequestsPerHourForm', () => {
  markupCases(RequestsPerHourForm, {
    'shows the budget in force as a number between 1 and 60, posted to the sources page': {
      locale: 'fr',
      props: { page: '/moderation/sources', value: '5', error: undefined },
      has: [
        /action="\/moderation\/sources\?_action=importSources\.saveSettings"/,
        'Demandes envoyées par heure, au plus',
      ],
      tags: { 'input#requestsPerHour': { has: ['value="5"', 'min="1"', 'max="60"'] } },
    },
    'puts a refusal beside the field with what was typed': {
      locale: 'en',
      props: { page: '/en/moderation/sources', value: '99', error: 'A whole number between 1 and 60.' },
      tags: { 'input#requestsPerHour': { has: ['value="99"'] } },
      refusals: { requestsPerHour: 'A whole number between 1 and 60.' },
    },
  });
});
