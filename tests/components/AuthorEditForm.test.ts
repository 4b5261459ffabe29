import { describe } from 'vitest';
import AuthorEditForm from '../../src/components/author/AuthorEditForm.astro';
import { markupCases } from './render.ts';

const token = 'A'.repeat(32);
const updatedAt = new Date('2026-12-06T10:00:00.123Z');
const souvenir = { kind: 'souvenir', token, updatedAt, values: {}, errors: {} };
const comment = { ...souvenir, kind: 'comment' };

describe('AuthorEditForm', () => {
  markupCases(AuthorEditForm, {
    'labels a souvenir’s fields as the share form does; a comment has only its text': [
      {
        locale: 'fr',
        props: souvenir,
        has: [
          /<label[^>]*for="edit-title"[^>]*>[\s\S]*?Titre \(facultatif\)/,
          /<label[^>]*for="edit-body"[^>]*>[\s\S]*?Votre souvenir/,
          /<label[^>]*for="edit-year"[^>]*>[\s\S]*?Année du souvenir/,
          'Enregistrer la correction',
        ],
      },
      {
        locale: 'en',
        props: comment,
        has: [/<label[^>]*for="edit-comment-body"[^>]*>[\s\S]*?Comment/, 'Save the correction'],
        lacks: ['edit-title'],
      },
    ],
    'carries the private link’s token, the version it corrects, and puts back what the author typed': {
      locale: 'fr',
      props: {
        ...souvenir,
        values: { title: 'Le "rappel"', body: 'Quatre <b>rappels</b>', year: '2015', event: 'concert' },
      },
      has: [
        `name="token" value="${token}"`,
        `name="expectedUpdatedAt" value="${updatedAt.getTime()}"`,
        'value="Le &quot;rappel&quot;"',
        'Quatre &lt;b&gt;rappels&lt;/b&gt;</textarea>',
        'value="2015"',
        'value="concert"',
      ],
    },
    'links each refused field to its message, with the year’s bound filled in': {
      locale: 'en',
      props: { ...souvenir, errors: { year: 'error.year.invalid' } },
      summary: { intro: 'The correction was not saved. Please correct the following:', fieldIds: ['edit-year'] },
      refusals: { 'edit-year': `between 1865, when the hall opened, and ${new Date().getFullYear()}.` },
      has: [/<input id="edit-year"[^>]*aria-describedby="edit-year-error"/],
      tags: { 'input#edit-event': { lacks: ['aria-describedby'] } },
    },
  });
});
