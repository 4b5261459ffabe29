import { describe, expect, it } from 'vitest';
import CheckboxField from '../../src/components/CheckboxField.astro';
import { render } from './render.ts';

describe('CheckboxField', () => {
  it('ties its hint to the box and keeps what was ticked', async () => {
    const html = await render(CheckboxField, 'fr', {
      id: 'auto',
      label: 'Approuver',
      hint: 'Les habitués',
      checked: true,
    });
    expect(html).toMatch(/<input id="auto" name="auto" type="checkbox" checked aria-describedby="auto-hint"/);
    expect(html).toContain('<label for="auto">Approuver</label>');
    expect(html).toContain('<p class="hint" id="auto-hint">Les habitués</p>');
  });

  it('takes its own name and describes nothing without a hint', async () => {
    const html = await render(CheckboxField, 'en', { id: 'x-only', name: 'only', label: 'Only', checked: false });
    expect(html).toContain('name="only"');
    expect(html).not.toContain('checked');
    expect(html).not.toContain('aria-describedby');
  });
});
