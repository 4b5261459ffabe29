import { describe, expect, it } from 'vitest';
import NumberSetting from '../../src/components/NumberSetting.astro';
import { expectRefusalBeside, render } from './render.ts';

describe('NumberSetting', () => {
  it('asks for a whole number within the domain’s bounds, required but not marked so', async () => {
    const html = await render(NumberSetting, 'fr', {
      id: 'team-digest-hour',
      name: 'digestHour',
      label: 'Heure du résumé',
      limits: { min: 0, max: 23 },
      value: '19',
      error: undefined,
    });
    expect(html).toMatch(/<input id="team-digest-hour" name="digestHour" type="number"/);
    expect(html).toContain('inputmode="numeric"');
    expect(html).toContain('min="0"');
    expect(html).toContain('max="23"');
    expect(html).toContain('required');
    expect(html).toContain('value="19"');
    expect(html).not.toContain('aria-hidden="true"> *');
  });

  it('says its refusal beside it', async () => {
    const html = await render(NumberSetting, 'en', {
      id: 'perAddressPerDay',
      label: 'Messages per address per day',
      limits: { min: 1, max: 100 },
      value: '0',
      error: 'Between 1 and 100.',
    });
    expect(html).toContain('name="perAddressPerDay"');
    expectRefusalBeside(html, 'perAddressPerDay', 'Between 1 and 100.');
  });
});
