import { describe, expect, it } from 'vitest';
import CommentItem from '../../src/components/comments/CommentItem.astro';
import { render } from './render.ts';
import { publicComment } from './fixtures.ts';
import type { PublicComment } from '../../src/lib/comments/model.ts';

const comment = publicComment();

describe('the comment item', () => {
  it('shows the author, the date it was published and the text, in the author’s language', async () => {
    const html = await render(CommentItem, 'en', { comment });
    expect(html).toContain('id="commentaire-c7"');
    expect(html).toContain('aria-labelledby="commentaire-c7-auteur"');
    expect(html).toContain('Marc');
    expect(html).toContain('datetime="2024-05-02T09:00:00.000Z"');
    expect(html).toMatch(/lang="fr"[^>]*><p>J’y étais aussi\.<\/p>/);
  });

  it('links the name to the commenter’s website as user content, never followed', async () => {
    const html = await render(CommentItem, 'fr', {
      comment: { ...comment, authorWebsite: 'https://marc.example.org' },
    });
    expect(html).toMatch(/<a href="https:\/\/marc\.example\.org" rel="nofollow ugc"/);
  });

  it('offers "Répondre" only where the page asks, naming whom it answers', async () => {
    expect(await render(CommentItem, 'fr', { comment })).not.toContain('comment-reply');
    const html = await render(CommentItem, 'fr', { comment, replyHref: '?reponse=c7#commenter' });
    expect(html).toContain('aria-label="Répondre à Marc"');
    expect(html).toContain('>Répondre<');
    // A crawler would otherwise render the page once per comment: the page cache keeps only its bare address.
    expect(html).toMatch(/<a class="comment-reply" href="\?reponse=c7#commenter" rel="nofollow"/);
  });

  it('shows no email, whatever the object it is given carries', async () => {
    const leaky = { ...comment, authorEmail: 'marc@example.org' } as PublicComment;
    const html = await render(CommentItem, 'fr', { comment: leaky });
    expect(html).not.toContain('marc@example.org');
    expect(html).not.toContain('@');
  });
});
