import { describe } from 'vitest';
import CommentForm from '../../src/components/comments/CommentForm.astro';
import { markupCases } from './render.ts';

const form = {
  action: '/souvenirs/abc123?_action=comment',
  souvenirPublicId: 'abc123',
  replyTo: null,
  cancelReplyHref: '/souvenirs/abc123#commenter',
  values: {},
  errors: {},
  formError: null,
  sent: null,
};

describe('CommentForm', () => {
  markupCases(CommentForm, {
    'labels its fields in the request’s language': [
      {
        locale: 'fr',
        props: form,
        has: [
          'Laisser un commentaire',
          /<label[^>]*for="comment-body"[^>]*>[\s\S]*?Commentaire/,
          'Envoyer le commentaire',
        ],
      },
      {
        locale: 'en',
        props: form,
        has: ['Leave a comment', /<label[^>]*for="comment-email"[^>]*>[\s\S]*?Email/],
        lacks: ['Envoyer le commentaire'],
      },
    ],
    'puts back what the visitor typed, escaped': {
      locale: 'fr',
      props: {
        ...form,
        values: { body: 'J’y étais <b>aussi</b>', name: 'Marc "le fan"', website: 'https://marc.example.org' },
      },
      has: [
        'J’y étais &lt;b&gt;aussi&lt;/b&gt;</textarea>',
        'value="Marc &quot;le fan&quot;"',
        'value="https://marc.example.org"',
      ],
    },
    'links each refused field to its message and lists it in the summary': {
      locale: 'en',
      props: { ...form, errors: { body: 'error.comment.required', email: 'error.email.invalid' } },
      summary: { intro: 'The comment was not sent. Please correct the following:', fieldIds: ['comment-body'] },
      refusals: {
        'comment-body': 'Please write your comment.',
        'comment-email': 'This email address does not look valid',
      },
      tags: { 'input#comment-name': { lacks: ['aria-invalid'] } },
    },
    'says whom a reply answers, with a way to cancel it': {
      locale: 'fr',
      props: { ...form, replyTo: { publicId: 'c1', authorName: 'Léa' } },
      has: ['href="#commentaire-c1"', 'Annuler la réponse', 'name="parent" value="c1"'],
    },
    'shows a refusal of the whole form as an alert, and the private link once sent': [
      {
        locale: 'fr',
        props: { ...form, formError: 'Ce commentaire a déjà été envoyé.' },
        has: [/role="alert"[^>]*>\s*Ce commentaire a déjà été envoyé\./],
      },
      {
        locale: 'fr',
        props: {
          ...form,
          sent: { published: false, href: null },
          privateLink: 'https://mur.example.org/mes-souvenirs/tok',
        },
        has: ['role="status"', 'href="https://mur.example.org/mes-souvenirs/tok"'],
      },
    ],
  });
});
