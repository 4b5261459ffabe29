import { describe, expect, it } from 'vitest';
import ShareForm from '../../src/components/ShareForm.astro';
import { expectErrorSummary, expectRefusalBeside, render } from './render.ts';

describe('ShareForm', () => {
  it('labels its fields in the request’s language', async () => {
    const fr = await render(ShareForm, 'fr', { values: {}, errors: {} });
    const en = await render(ShareForm, 'en', { values: {}, errors: {} });
    expect(fr).toContain('Nom ou pseudonyme');
    expect(fr).toContain('Envoyer mon souvenir');
    expect(en).toContain('Name or pseudonym');
    expect(en).toContain('Send my memory');
    expect(en).not.toContain('Nom ou pseudonyme');
  });

  it('lists each refused field in the summary, linked to the field, in that language', async () => {
    const html = await render(ShareForm, 'en', {
      values: { name: 'Camille' },
      errors: { consent: 'error.consent.required' },
    });
    expectErrorSummary(html, 'The memory was not sent. Please correct the following:', ['consent']);
    expectRefusalBeside(html, 'consent', 'Your consent is needed to publish the memory.');
  });

  it('points each refused field at its hint, then its error', async () => {
    const html = await render(ShareForm, 'fr', {
      values: {},
      errors: { email: 'error.email.invalid', name: 'error.name.required' },
    });
    expect(html).toContain('aria-describedby="email-hint email-error"');
    expect(html).toContain('aria-describedby="name-error"');
    expect(html.match(/<input id="title"[^>]*>/)?.[0]).not.toContain('aria-describedby');
  });

  it('puts back what the visitor typed', async () => {
    const html = await render(ShareForm, 'fr', { values: { name: 'Camille "Cam"' }, errors: {} });
    expect(html).toContain('value="Camille &quot;Cam&quot;"');
  });
});
