import { describe, it, expect } from 'vitest';
import { commentFormState } from '../../src/components/comments/form-state.ts';
import type { CommentFormInput } from '../../src/components/comments/form-state.ts';
import { flagLabel, errorMessage, flashMessages } from '../../src/components/moderation/messages.ts';
import { DECISIONS, allowedDecisions } from '../../src/lib/moderation/decisions.ts';
import { CONTRIBUTION_STATUSES } from '../../src/lib/contributions/kinds.ts';
import { isMessageKey } from '../../src/lib/i18n/index.ts';
import { parseWallPayload } from '../../src/lib/wall/notifications.ts';
import type { CommentThread } from '../../src/lib/comments/list-comments.ts';

const comment = (publicId: string, authorName: string, parentId: number | null = null) => ({
  id: 1,
  publicId,
  parentId,
  authorName,
  authorWebsite: null,
  bodyHtml: '<p>x</p>',
  locale: 'fr',
  createdAt: new Date(0),
  approvedAt: new Date(0),
});
const threads: CommentThread[] = [
  { comment: comment('top', 'Marc'), replies: [comment('rep', 'Julie', 1)] },
  { comment: null, replies: [comment('orphan', 'Zoé', 9)] },
];
const input = (changes: Partial<CommentFormInput>): CommentFormInput => ({
  error: null,
  submitted: {},
  replyParam: null,
  sentParam: null,
  sentId: null,
  threads,
  ...changes,
});

describe('the comment form’s state', () => {
  it('aims the form at an approved top-level comment only', () => {
    expect(commentFormState('fr', input({ replyParam: 'top' })).replyTo).toEqual({
      publicId: 'top',
      authorName: 'Marc',
    });
    expect(commentFormState('fr', input({ replyParam: 'rep' })).replyTo).toBeNull();
    expect(commentFormState('fr', input({ replyParam: 'nope' })).replyTo).toBeNull();
  });

  it('says how long to wait after a flood refusal, keeps the text and the reply target', () => {
    const state = commentFormState(
      'fr',
      input({
        error: { fields: null, message: 'rules.flood:9' },
        submitted: { body: 'Mon texte', parent: 'top' },
        replyParam: null,
      }),
    );
    // Intl puts a no-break space between the number and the unit.
    expect(state.formError?.replace(/\s/g, ' ')).toContain('9 secondes');
    expect(state.retryAfterSeconds).toBe(9);
    expect(state.values.body).toBe('Mon texte');
    expect(state.replyTo?.publicId).toBe('top');
    expect(state.sent).toBeNull();
  });

  it('puts field errors beside their field and a refused parent above the form', () => {
    const fields = commentFormState(
      'fr',
      input({ error: { fields: { name: 'error.name.required', parent: 'comment.error.parent' }, message: null } }),
    );
    expect(fields.errors).toEqual({ name: 'error.name.required' });
    expect(fields.formError).toMatch(/n’accepte plus de réponse/);
    const website = commentFormState('fr', input({ error: { fields: null, message: 'error.website.invalid' } }));
    expect(website.errors).toEqual({ website: 'error.website.invalid' });
    const gone = commentFormState(
      'fr',
      input({ error: { fields: null, message: 'comment.error.parent' }, submitted: { parent: 'rep' } }),
    );
    expect(gone.replyTo).toBeNull();
    expect(gone.values.parent).toBeUndefined();
  });

  it('confirms a held comment, and links to a published one only when it is listed', () => {
    expect(commentFormState('fr', input({ sentParam: 'attente' })).sent).toEqual({ published: false, href: null });
    expect(commentFormState('fr', input({ sentParam: 'publie', sentId: 'rep' })).sent).toEqual({
      published: true,
      href: '#commentaire-rep',
    });
    expect(commentFormState('fr', input({ sentParam: 'publie', sentId: '"><script>' })).sent).toEqual({
      published: true,
      href: null,
    });
    expect(commentFormState('fr', input({ sentParam: 'autre' })).sent).toBeNull();
  });
});

describe('moderation messages for comments', () => {
  it('shows the detail a rule gave', () => {
    expect(flagLabel('fr', 'links:3')).toBe('3 liens dans le texte');
    expect(flagLabel('fr', 'moderation_word:été')).toBe('mot à modérer : « été »');
    expect(flagLabel('en', 'known_author')).toMatch(/approved at once/);
    expect(flagLabel('fr', 'something_new')).toBe('something_new');
  });

  it('has a sentence in both languages for every decision a comment can take, one or many', () => {
    const commentDecisions = DECISIONS.filter((d) =>
      CONTRIBUTION_STATUSES.some((s) => allowedDecisions(s, null).includes(d)),
    );
    expect(commentDecisions).toEqual(['approve', 'reject', 'spam', 'trash', 'restore']);
    for (const locale of ['fr', 'en'] as const) {
      for (const done of [...commentDecisions, 'edit', 'unchanged'] as const) {
        for (const n of [0, 1, 2]) {
          for (const m of flashMessages(locale, { done, n, conflicts: n, refused: n }, 'comment'))
            expect(m).not.toMatch(/moderation\.|\{n\}/);
        }
      }
    }
    const keys = CONTRIBUTION_STATUSES.flatMap((s) => [`moderation.comment.conflict.${s}`]);
    expect(keys.filter((k) => !isMessageKey(k))).toEqual([]);
  });

  it('speaks of comments when the queue shows comments', () => {
    expect(errorMessage('fr', 'moderation.error.noSelection', 'comment')).toBe('Cochez au moins un commentaire.');
    expect(errorMessage('fr', 'moderation.error.noSelection')).toBe('Cochez au moins un souvenir.');
  });

  it('tells the wall a comment count moved without touching live screens', () => {
    expect(parseWallPayload('comment:12')).toEqual({ kind: 'comment', id: 12 });
    expect(parseWallPayload('12')).toEqual({ kind: 'souvenir', id: 12 });
  });
});
