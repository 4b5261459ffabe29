import { describe, expect, it } from 'vitest';
import UsernameField from '../../src/components/UsernameField.astro';
import { expectMarkup, expectRefusalBeside, render } from './render.ts';

describe('UsernameField', () => {
  it('is typed as is, bounded as usernames are, and filled in as the reader’s own username', async () => {
    const html = await render(UsernameField, 'fr', {
      id: 'username',
      label: 'Identifiant',
      value: 'ana',
      required: true,
    });
    expect(html).toMatch(/<input id="username" name="username" type="text"/);
    expect(html).toContain('autocomplete="username"');
    expect(html).toContain('autocapitalize="none"');
    expect(html).toContain('spellcheck="false"');
    expect(html).toContain('maxlength="32"');
    expect(html).toContain('value="ana"');
  });

  it('takes another bound and another autocomplete where the form needs them, and shows its refusal', async () => {
    const html = await render(UsernameField, 'en', {
      id: 'username',
      label: 'Username',
      autocomplete: 'off',
      maxlength: '64',
      error: 'This username is taken.',
    });
    expectMarkup(html, { has: ['autocomplete="off"', 'maxlength="64"'] });
    expectRefusalBeside(html, 'username', 'This username is taken.');
  });
});
