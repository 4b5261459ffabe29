import { describe } from 'vitest';
import CheckboxField from '../../src/components/CheckboxField.astro';
import { markupCases } from './render.ts';

describe('CheckboxField', () => {
  markupCases(CheckboxField, {
    'ties its hint to the box and keeps what was ticked': {
      locale: 'fr',
      props: { id: 'auto', label: 'Approuver', hint: 'Les habitués', checked: true },
      has: [
        /<input id="auto" name="auto" type="checkbox" checked aria-describedby="auto-hint"/,
        '<label for="auto">Approuver</label>',
        '<p class="hint" id="auto-hint">Les habitués</p>',
      ],
    },
    'takes its own name and describes nothing without a hint': {
      locale: 'en',
      props: { id: 'x-only', name: 'only', label: 'Only', checked: false },
      has: ['name="only"'],
      lacks: ['checked', 'aria-describedby'],
    },
  });
});
