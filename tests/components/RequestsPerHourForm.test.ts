import { describe, expect, it } from 'vitest';
import RequestsPerHourForm from '../../src/components/imports/RequestsPerHourForm.astro';
import { expectRefusalBeside, render } from './render.ts';

describe('RequestsPerHourForm', () => {
  it('shows the budget in force as a number between 1 and 60, posted to the sources page', async () => {
    const html = await render(RequestsPerHourForm, 'fr', { page: '/moderation/sources', value: '5', error: undefined });
    expect(html).toMatch(/action="\/moderation\/sources\?_action=importSources\.saveSettings"/);
    expect(html).toMatch(/<input[^>]*id="requestsPerHour"[^>]*>/);
    const input = /<input[^>]*id="requestsPerHour"[^>]*>/.exec(html)![0];
    expect(input).toContain('value="5"');
    expect(input).toContain('min="1"');
    expect(input).toContain('max="60"');
    expect(html).toContain('Demandes envoyées par heure, au plus');
  });

  it('puts a refusal beside the field with what was typed', async () => {
    const html = await render(RequestsPerHourForm, 'en', {
      page: '/en/moderation/sources',
      value: '99',
      error: 'A whole number between 1 and 60.',
    });
    expect(/<input[^>]*id="requestsPerHour"[^>]*>/.exec(html)![0]).toContain('value="99"');
    expectRefusalBeside(html, 'requestsPerHour', 'A whole number between 1 and 60.');
  });
});
