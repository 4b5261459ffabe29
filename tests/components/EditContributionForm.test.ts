import { describe, it } from 'vitest';
import EditContributionForm from '../../src/components/moderation/EditContributionForm.astro';
import { expectErrorSummary, expectMarkup, expectRefusalBeside, render } from './render.ts';

const souvenir = { kind: 'souvenir', id: 12, expectedUpdatedAt: '1793000000000', values: {}, errors: {} };
const comment = { ...souvenir, kind: 'comment', id: 30 };

describe('EditContributionForm', () => {
  it('labels a souvenir’s title, text and reason; a comment has no title', async () => {
    const html = await render(EditContributionForm, 'fr', souvenir);
    expectMarkup(html, {
      has: [
        /<label[^>]*for="title"[^>]*>[\s\S]*?Titre \(facultatif\)/,
        /<label[^>]*for="body"[^>]*>[\s\S]*?Texte/,
        /<label[^>]*for="reason"[^>]*>[\s\S]*?Motif de la modification \(facultatif\)/,
        'id="edit-souvenir"',
      ],
    });
    const forComment = await render(EditContributionForm, 'en', comment);
    expectMarkup(forComment, { has: ['id="edit-comment"', 'Save the change'], lacks: ['id="title"'] });
  });

  it('puts back the typed text and the version it edits', async () => {
    const html = await render(EditContributionForm, 'fr', {
      ...souvenir,
      values: { title: 'Le "rappel"', body: 'Trois <b>rappels</b>', reason: 'coquille' },
    });
    expectMarkup(html, {
      has: [
        'value="Le &quot;rappel&quot;"',
        'Trois &lt;b&gt;rappels&lt;/b&gt;</textarea>',
        'value="coquille"',
        'name="expectedUpdatedAt" value="1793000000000"',
        'name="id" value="12"',
      ],
    });
  });

  it('links each refused field to its message and lists it in the summary', async () => {
    const html = await render(EditContributionForm, 'en', {
      ...souvenir,
      errors: { title: 'error.title.tooLong', reason: 'moderation.error.reasonTooLong' },
    });
    expectErrorSummary(html, 'The change was not saved. Please correct the following:', ['title']);
    expectRefusalBeside(html, 'title', 'The title must fit in 120 characters.');
    expectMarkup(html, {
      has: [
        /<input id="title"[^>]*aria-describedby="title-error"/,
        /<input id="reason"[^>]*aria-describedby="reason-error"/,
        /<textarea id="body"[^>]*aria-describedby="body-count allowed-tags"/,
      ],
    });
  });
});
