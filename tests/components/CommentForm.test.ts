import { describe, expect, it } from 'vitest';
import CommentForm from '../../src/components/comments/CommentForm.astro';
import { render } from './render.ts';

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
    expect(fr).toContain('Laisser un commentaire');
    expect(fr).toMatch(/<label[^>]*for="comment-body"[^>]*>[\s\S]*?Commentaire/);
    expect(fr).toContain('Envoyer le commentaire');
    expect(en).toContain('Leave a comment');
    expect(en).toMatch(/<label[^>]*for="comment-email"[^>]*>[\s\S]*?Email/);
    expect(en).not.toContain('Envoyer le commentaire');
  });

  it('puts back what the visitor typed, escaped', async () => {
    const html = await render(CommentForm, 'fr', {
      ...form,
      values: { body: 'J’y étais <b>aussi</b>', name: 'Marc "le fan"', website: 'https://marc.example.org' },
    });
    expect(html).toContain('J’y étais &lt;b&gt;aussi&lt;/b&gt;</textarea>');
    expect(html).toContain('value="Marc &quot;le fan&quot;"');
    expect(html).toContain('value="https://marc.example.org"');
  });

  it('links each refused field to its message and lists it in the summary', async () => {
    const html = await render(CommentForm, 'en', {
      ...form,
      errors: { body: 'error.comment.required', email: 'error.email.invalid' },
    });
    expect(html).toContain('The comment was not sent. Please correct the following:');
    expect(html).toContain('href="#comment-body"');
    expect(html).toMatch(/<textarea id="comment-body"[^>]*aria-describedby="[^"]*\bcomment-body-error\b/);
    expect(html).toMatch(/id="comment-body-error"[^>]*>[\s\S]*?Please write your comment\./);
    expect(html).toMatch(/<input id="comment-email"[^>]*aria-invalid="true"/);
    expect(html).toContain('This email address does not look valid');
    expect(html.match(/<input id="comment-name"[^>]*>/)?.[0]).not.toContain('aria-invalid');
  });

  it('says whom a reply answers, with a way to cancel it', async () => {
    const html = await render(CommentForm, 'fr', {
      ...form,
      replyTo: { publicId: 'c1', authorName: 'Léa' },
    });
    expect(html).toContain('href="#commentaire-c1"');
    expect(html).toContain('Annuler la réponse');
    expect(html).toContain('name="parent" value="c1"');
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
