import { describe } from 'vitest';
import EditContributionForm from '../../src/components/moderation/EditContributionForm.astro';
import { markupCases } from './render.ts';

const souvenir = { kind: 'souvenir', id: 12, expectedUpdatedAt: '1793000000000', values: {}, errors: {} };
const comment = { ...souvenir, kind: 'comment', id: 30 };

describe('EditContributionForm', () => {
  markupCases(EditContributionForm, {
    'labels a souvenir’s title, text and reason; a comment has no title': [
      {
        locale: 'fr',
        props: souvenir,
        has: [
          /<label[^>]*for="title"[^>]*>[\s\S]*?Titre \(facultatif\)/,
          /<label[^>]*for="body"[^>]*>[\s\S]*?Texte/,
          /<label[^>]*for="reason"[^>]*>[\s\S]*?Motif de la modification \(facultatif\)/,
          'id="edit-souvenir"',
        ],
      },
      { locale: 'en', props: comment, has: ['id="edit-comment"', 'Save the change'], lacks: ['id="title"'] },
    ],
    'lets the name shown be corrected on both kinds, and a souvenir’s year and event': [
      {
        locale: 'fr',
        props: { ...souvenir, values: { name: 'Léa 06 12 34 56 78', year: '1999', event: 'Un concert' } },
        has: [
          /<label[^>]*for="name"[^>]*>[\s\S]*?Nom affiché/,
          /<input id="name" name="name"[^>]*value="Léa 06 12 34 56 78"/,
          /<input id="year" name="year"[^>]*value="1999"/,
          /<input id="event" name="event"[^>]*value="Un concert"/,
        ],
      },
      { locale: 'en', props: comment, has: [/<label[^>]*for="name"[^>]*>[\s\S]*?Name shown/], lacks: ['id="year"'] },
    ],
    'puts back the typed text and the version it edits': {
      locale: 'fr',
      props: { ...souvenir, values: { title: 'Le "rappel"', body: 'Trois <b>rappels</b>', reason: 'coquille' } },
      has: [
        'value="Le &quot;rappel&quot;"',
        'Trois &lt;b&gt;rappels&lt;/b&gt;</textarea>',
        'value="coquille"',
        'name="expectedUpdatedAt" value="1793000000000"',
        'name="id" value="12"',
      ],
    },
    'links each refused field to its message and lists it in the summary': {
      locale: 'en',
      props: { ...souvenir, errors: { title: 'error.title.tooLong', reason: 'moderation.error.reasonTooLong' } },
      summary: { intro: 'The change was not saved. Please correct the following:', fieldIds: ['title'] },
      refusals: { title: 'The title must fit in 120 characters.' },
      has: [
        /<input id="title"[^>]*aria-describedby="title-error"/,
        /<input id="reason"[^>]*aria-describedby="reason-error"/,
        /<textarea id="body"[^>]*aria-describedby="body-count allowed-tags"/,
      ],
    },
  });
});
