import { describe, expect, it } from 'vitest';
import NewPasswordFields from '../../src/components/NewPasswordFields.astro';
import { expectRefusalBeside, render } from './render.ts';

const refusals: Record<string, string> = { confirm: 'The two passwords differ.' };
const message = (field: string) => refusals[field];

describe('NewPasswordFields', () => {
  it('asks for the new password, then for it again, each refusal beside its field', async () => {
    const html = await render(NewPasswordFields, 'en', {
      id: 'next',
      label: 'New password',
      hint: 'At least 12 characters.',
      confirmLabel: 'Confirm',
      message,
    });
    expect(html).toMatch(/<input id="next" name="next" type="password"[^>]*autocomplete="new-password"/);
    expect(html).toContain('aria-describedby="next-hint"');
    expect(html).toMatch(/<input id="confirm" name="confirm" type="password"/);
    expectRefusalBeside(html, 'confirm', 'The two passwords differ.');
    expect(html).not.toContain('value=');
  });

  it('asks once where no confirmation is wanted', async () => {
    const html = await render(NewPasswordFields, 'fr', {
      id: 'password',
      label: 'Mot de passe',
      hint: 'Au moins 12 caractères.',
      message,
    });
    expect(html).toContain('id="password"');
    expect(html).not.toContain('id="confirm"');
  });
});
