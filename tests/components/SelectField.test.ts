import { describe } from 'vitest';
import SelectField from '../../src/components/SelectField.astro';
import { markupCases } from './render.ts';

const options = [
  { value: 'approve', label: 'Approuver' },
  { value: 'reject', label: 'Refuser' },
];

describe('SelectField', () => {
  markupCases(SelectField, {
    'offers nothing chosen first, then each option, with the one put back selected': {
      locale: 'fr',
      props: {
        id: 'bulk-decision',
        name: 'decision',
        label: 'Décision',
        none: 'Choisir…',
        options,
        selected: 'reject',
        required: true,
        describedBy: 'bulk-hint',
      },
      has: [
        '<label for="bulk-decision">Décision</label>',
        /<select id="bulk-decision" name="decision" required aria-describedby="bulk-hint">/,
        /<option value="">Choisir…<\/option>\s*<option value="approve">Approuver<\/option>/,
        '<option value="reject" selected>Refuser</option>',
      ],
    },
    'is optional and named by its id unless told otherwise': {
      locale: 'en',
      props: { id: 'action', label: 'Action', none: 'Any', options, selected: undefined },
      has: [/<select id="action" name="action">/],
      lacks: ['selected'],
    },
  });
});
