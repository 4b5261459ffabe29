import { describe, expect, it } from 'vitest';
import EditContributionForm from '../../src/components/moderation/EditContributionForm.astro';
import { render } from './render.ts';

const souvenir = { kind: 'souvenir', id: 12, expectedUpdatedAt: '1793000000000', values: {}, errors: {} };
const comment = { ...souvenir, kind: 'comment', id: 30 };

describe('EditContributionForm', () => {
  it('labels a souvenir’s title, text and reason; a comment has no title', async () => {
    const html = await render(EditContributionForm, 'fr', souvenir);
    expect(html).toMatch(/<label[^>]*for="title"[^>]*>[\s\S]*?Titre \(facultatif\)/);
    expect(html).toMatch(/<label[^>]*for="body"[^>]*>[\s\S]*?Texte/);
    expect(html).toMatch(/<label[^>]*for="reason"[^>]*>[\s\S]*?Motif de la modification \(facultatif\)/);
    expect(html).toContain('id="edit-souvenir"');
    const forComment = await render(EditContributionForm, 'en', comment);
    expect(forComment).toContain('id="edit-comment"');
    expect(forComment).not.toContain('id="title"');
    expect(forComment).toContain('Save the change');
  });

  it('puts back the typed text and the version it edits', async () => {
    const html = await render(EditContributionForm, 'fr', {
      ...souvenir,
      values: { title: 'Le "rappel"', body: 'Trois <b>rappels</b>', reason: 'coquille' },
    });
    expect(html).toContain('value="Le &quot;rappel&quot;"');
    expect(html).toContain('Trois &lt;b&gt;rappels&lt;/b&gt;</textarea>');
    expect(html).toContain('value="coquille"');
    expect(html).toContain('name="expectedUpdatedAt" value="1793000000000"');
    expect(html).toContain('name="id" value="12"');
  });

  it('links each refused field to its message and lists it in the summary', async () => {
    const html = await render(EditContributionForm, 'en', {
      ...souvenir,
      errors: { title: 'error.title.tooLong', reason: 'moderation.error.reasonTooLong' },
    });
    expect(html).toContain('The change was not saved. Please correct the following:');
    expect(html).toContain('href="#title"');
    expect(html).toMatch(/<input id="title"[^>]*aria-invalid="true"[^>]*aria-describedby="title-error"/);
    expect(html).toMatch(/id="title-error"[^>]*>[\s\S]*?The title must fit in 120 characters\./);
    expect(html).toMatch(/<input id="reason"[^>]*aria-describedby="reason-error"/);
    expect(html).toMatch(/<textarea id="body"[^>]*aria-describedby="body-count allowed-tags"/);
  });
});
