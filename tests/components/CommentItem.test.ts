import { describe } from 'vitest';
import CommentItem from '../../src/components/comments/CommentItem.astro';
import { markupCases } from './render.ts';
import { publicComment } from './fixtures.ts';
import type { PublicComment } from '../../src/lib/comments/model.ts';

const comment = publicComment();

describe('the comment item', () => {
  markupCases(CommentItem, {
    'shows the author, the date it was published and the text, in the author’s language': {
      locale: 'en',
      props: { comment },
      has: [
        'id="commentaire-c7"',
        'aria-labelledby="commentaire-c7-auteur"',
        'Marc',
        'datetime="2024-05-02T09:00:00.000Z"',
        /lang="fr"[^>]*><p>J’y étais aussi\.<\/p>/,
      ],
    },
    'links the name to the commenter’s website as user content, never followed': {
      locale: 'fr',
      props: { comment: { ...comment, authorWebsite: 'https://marc.example.org' } },
      has: [/<a href="https:\/\/marc\.example\.org" rel="nofollow ugc"/],
    },
    'offers "Répondre" only where the page asks, naming whom it answers': [
      { locale: 'fr', props: { comment }, lacks: ['comment-reply'] },
      {
        locale: 'fr',
        props: { comment, replyHref: '?reponse=c7#commenter' },
        has: [
          'aria-label="Répondre à Marc"',
          '>Répondre<',
          // A crawler would otherwise render the page once per comment: the page cache keeps only its bare address.
          /<a class="comment-reply" href="\?reponse=c7#commenter" rel="nofollow"/,
        ],
      },
    ],
    'shows no email, whatever the object it is given carries': {
      locale: 'fr',
      props: { comment: { ...comment, authorEmail: 'marc@example.org' } as PublicComment },
      lacks: ['marc@example.org', '@'],
    },
  });
});
