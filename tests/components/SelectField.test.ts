import { describe, expect, it } from 'vitest';
import SelectField from '../../src/components/SelectField.astro';
import { render } from './render.ts';

const options = [
  { value: 'approve', label: 'Approuver' },
  { value: 'reject', label: 'Refuser' },
];

describe('SelectField', () => {
  it('offers nothing chosen first, then each option, with the one put back selected', async () => {
    const html = await render(SelectField, 'fr', {
      id: 'bulk-decision',
      name: 'decision',
      label: 'Décision',
      none: 'Choisir…',
      options,
      selected: 'reject',
      required: true,
      describedBy: 'bulk-hint',
    });
    expect(html).toContain('<label for="bulk-decision">Décision</label>');
    expect(html).toMatch(/<select id="bulk-decision" name="decision" required aria-describedby="bulk-hint">/);
    expect(html).toMatch(/<option value="">Choisir…<\/option>\s*<option value="approve">Approuver<\/option>/);
    expect(html).toContain('<option value="reject" selected>Refuser</option>');
  });

  it('is optional and named by its id unless told otherwise', async () => {
    const html = await render(SelectField, 'en', {
      id: 'action',
      label: 'Action',
      none: 'Any',
      options,
      selected: undefined,
    });
    expect(html).toMatch(/<select id="action" name="action">/);
    expect(html).not.toContain('selected');
  });
});
