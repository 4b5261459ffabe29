import { describe } from 'vitest';
import ShareForm from '../../src/components/ShareForm.astro';
import { markupCases } from './render.ts';

describe('ShareForm', () => {
  markupCases(ShareForm, {
    'labels its fields in the request’s language': [
      { locale: 'fr', props: { values: {}, errors: {} }, has: ['Nom ou pseudonyme', 'Envoyer mon souvenir'] },
      {
        locale: 'en',
        props: { values: {}, errors: {} },
        has: ['Name or pseudonym', 'Send my memory'],
        lacks: ['Nom ou pseudonyme'],
      },
    ],
    'lists each refused field in the summary, linked to the field, in that language': {
      locale: 'en',
      props: { values: { name: 'Camille' }, errors: { consent: 'error.consent.required' } },
      summary: { intro: 'The memory was not sent. Please correct the following:', fieldIds: ['consent'] },
      refusals: { consent: 'Your consent is needed to publish the memory.' },
    },
    'points each refused field at its hint, then its error': {
      locale: 'fr',
      props: { values: {}, errors: { email: 'error.email.invalid', name: 'error.name.required' } },
      has: ['aria-describedby="email-hint email-error"', 'aria-describedby="name-error"'],
      tags: { 'input#title': { lacks: ['aria-describedby'] } },
    },
    'puts back what the visitor typed': {
      locale: 'fr',
      props: { values: { name: 'Camille "Cam"' }, errors: {} },
      has: ['value="Camille &quot;Cam&quot;"'],
    },
  });
});
