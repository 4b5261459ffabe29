import { describe } from 'vitest';
import EmailField from '../../src/components/EmailField.astro';
import { markupCases } from './render.ts';

describe('EmailField', () => {
  markupCases(EmailField, {
    'asks for an address the way SMTP bounds it, with the browser’s own suggestion': {
      locale: 'fr',
      props: { id: 'contact-email', name: 'email', label: 'Adresse', required: true },
      has: [
        /<input id="contact-email" name="email" type="email"/,
        'autocomplete="email"',
        'maxlength="254"',
        'required',
      ],
    },
    'puts back what was typed and says the refusal beside it': {
      locale: 'en',
      props: { id: 'email', label: 'Email', value: 'ana@example', error: 'Give a valid address.', autocomplete: 'off' },
      has: ['value="ana@example"', 'autocomplete="off"'],
      refusals: { email: 'Give a valid address.' },
    },
  });
});
