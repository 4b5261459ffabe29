import { describe, expect, it } from 'vitest';
import AuthorEditForm from '../../src/components/author/AuthorEditForm.astro';
import { expectErrorSummary, expectRefusalBeside, render } from './render.ts';

const token = 'A'.repeat(32);
const souvenir = { kind: 'souvenir', token, values: {}, errors: {} };
const comment = { ...souvenir, kind: 'comment' };

describe('AuthorEditForm', () => {
  it('labels a souvenir’s fields as the share form does; a comment has only its text', async () => {
    const html = await render(AuthorEditForm, 'fr', souvenir);
    expect(html).toMatch(/<label[^>]*for="edit-title"[^>]*>[\s\S]*?Titre \(facultatif\)/);
    expect(html).toMatch(/<label[^>]*for="edit-body"[^>]*>[\s\S]*?Votre souvenir/);
    expect(html).toMatch(/<label[^>]*for="edit-year"[^>]*>[\s\S]*?Année du souvenir/);
    expect(html).toContain('Enregistrer la correction');
    const forComment = await render(AuthorEditForm, 'en', comment);
    expect(forComment).toMatch(/<label[^>]*for="edit-comment-body"[^>]*>[\s\S]*?Comment/);
    expect(forComment).not.toContain('edit-title');
    expect(forComment).toContain('Save the correction');
  });

  it('carries the private link’s token and puts back what the author typed', async () => {
    const html = await render(AuthorEditForm, 'fr', {
      ...souvenir,
      values: { title: 'Le "rappel"', body: 'Quatre <b>rappels</b>', year: '2015', event: 'concert' },
    });
    expect(html).toContain(`name="token" value="${token}"`);
    expect(html).toContain('value="Le &quot;rappel&quot;"');
    expect(html).toContain('Quatre &lt;b&gt;rappels&lt;/b&gt;</textarea>');
    expect(html).toContain('value="2015"');
    expect(html).toContain('value="concert"');
  });

  it('links each refused field to its message, with the year’s bound filled in', async () => {
    const html = await render(AuthorEditForm, 'en', { ...souvenir, errors: { year: 'error.year.invalid' } });
    expectErrorSummary(html, 'The correction was not saved. Please correct the following:', ['edit-year']);
    expectRefusalBeside(html, 'edit-year', `between 1865, when the hall opened, and ${new Date().getFullYear()}.`);
    expect(html).toMatch(/<input id="edit-year"[^>]*aria-describedby="edit-year-error"/);
    expect(html.match(/<input id="edit-event"[^>]*>/)?.[0]).not.toContain('aria-describedby');
  });
});
