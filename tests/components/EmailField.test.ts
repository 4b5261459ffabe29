import { describe, expect, it } from 'vitest';
import EmailField from '../../src/components/EmailField.astro';
import { expectMarkup, expectRefusalBeside, render } from './render.ts';

describe('EmailField', () => {
  it('asks for an address the way SMTP bounds it, with the browser’s own suggestion', async () => {
    const html = await render(EmailField, 'fr', {
      id: 'contact-email',
      name: 'email',
      label: 'Adresse',
      required: true,
    });
    expect(html).toMatch(/<input id="contact-email" name="email" type="email"/);
    expect(html).toContain('autocomplete="email"');
    expect(html).toContain('maxlength="254"');
    expect(html).toContain('required');
  });

  it('puts back what was typed and says the refusal beside it', async () => {
    const html = await render(EmailField, 'en', {
      id: 'email',
      label: 'Email',
      value: 'ana@example',
      error: 'Give a valid address.',
      autocomplete: 'off',
    });
    expectMarkup(html, { has: ['value="ana@example"', 'autocomplete="off"'] });
    expectRefusalBeside(html, 'email', 'Give a valid address.');
  });
});
