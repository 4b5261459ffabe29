import { describe, expect, it } from 'vitest';
import CommentForm from '../../src/components/comments/CommentForm.astro';
import { expectErrorSummary, expectMarkup, expectRefusalBeside, render } from './render.ts';

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
  it('labels its fields in the request’s language', async () => {
    const fr = await render(CommentForm, 'fr', form);
    const en = await render(CommentForm, 'en', form);
    expectMarkup(fr, {
      has: [
        'Laisser un commentaire',
        /<label[^>]*for="comment-body"[^>]*>[\s\S]*?Commentaire/,
        'Envoyer le commentaire',
      ],
    });
    expectMarkup(en, {
      has: ['Leave a comment', /<label[^>]*for="comment-email"[^>]*>[\s\S]*?Email/],
      lacks: ['Envoyer le commentaire'],
    });
  });

  it('puts back what the visitor typed, escaped', async () => {
    const html = await render(CommentForm, 'fr', {
      ...form,
      values: { body: 'J’y étais <b>aussi</b>', name: 'Marc "le fan"', website: 'https://marc.example.org' },
    });
    expectMarkup(html, {
      has: [
        'J’y étais &lt;b&gt;aussi&lt;/b&gt;</textarea>',
        'value="Marc &quot;le fan&quot;"',
        'value="https://marc.example.org"',
      ],
    });
  });

  it('links each refused field to its message and lists it in the summary', async () => {
    const html = await render(CommentForm, 'en', {
      ...form,
      errors: { body: 'error.comment.required', email: 'error.email.invalid' },
    });
    expectErrorSummary(html, 'The comment was not sent. Please correct the following:', ['comment-body']);
    expectRefusalBeside(html, 'comment-body', 'Please write your comment.');
    expectRefusalBeside(html, 'comment-email', 'This email address does not look valid');
    expect(html.match(/<input id="comment-name"[^>]*>/)?.[0]).not.toContain('aria-invalid');
  });

  it('says whom a reply answers, with a way to cancel it', async () => {
    const html = await render(CommentForm, 'fr', {
      ...form,
      replyTo: { publicId: 'c1', authorName: 'Léa' },
    });
    expectMarkup(html, { has: ['href="#commentaire-c1"', 'Annuler la réponse', 'name="parent" value="c1"'] });
  });

  it('shows a refusal of the whole form as an alert, and the private link once sent', async () => {
    const refused = await render(CommentForm, 'fr', { ...form, formError: 'Ce commentaire a déjà été envoyé.' });
    expect(refused).toMatch(/role="alert"[^>]*>\s*Ce commentaire a déjà été envoyé\./);
    const sent = await render(CommentForm, 'fr', {
      ...form,
      sent: { published: false, href: null },
      privateLink: 'https://mur.example.org/mes-souvenirs/tok',
    });
    expect(sent).toContain('role="status"');
    expect(sent).toContain('href="https://mur.example.org/mes-souvenirs/tok"');
  });
});
