import { describe, expect, it } from 'vitest';
import FormOutcome from '../../src/components/FormOutcome.astro';
import { render } from './render.ts';

const renderWithSlot = (props: Record<string, unknown>, text: string) =>
  render(FormOutcome, 'fr', props, { slots: { default: text } });

describe('FormOutcome', () => {
  it('says a change went through as a focused status, where the redirect points', async () => {
    const html = await renderWithSlot({ done: true }, 'Réglages enregistrés.');
    expect(html).toContain('<p class="flash" role="status" id="message" tabindex="-1" autofocus>');
    expect(html).toContain('Réglages enregistrés.');
    expect(html).not.toContain('role="alert"');
  });

  it('announces a refusal as an alert, in the account forms’ look and with its own id', async () => {
    const html = await render(FormOutcome, 'en', { look: 'account', error: 'Wrong password.', errorId: 'form-error' });
    expect(html).toContain('<p class="form-error" role="alert" id="form-error" tabindex="-1" autofocus>');
    expect(html).toContain('Wrong password.');
    expect(html).not.toContain('role="status"');
  });

  it('says nothing when nothing was posted', async () => {
    const html = await renderWithSlot({ done: false, error: null }, 'Réglages enregistrés.');
    expect(html.trim()).toBe('');
  });
});
