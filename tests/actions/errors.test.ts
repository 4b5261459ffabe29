import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusedIn, StepRefused, toActionError } from '../../src/actions/errors.ts';
import { AuthorLinkError } from '../../src/lib/contributions/author-link.ts';
import { DecisionError } from '../../src/lib/moderation/decisions.ts';
import { UserError } from '../../src/lib/auth/users.ts';
import { CommentError } from '../../src/lib/comments/create-comment.ts';
import { RegenerateLinkError } from '../../src/lib/privacy/regenerate-link.ts';
import { RuleRefusal } from '../../src/lib/rules/refusal.ts';
import { SanitizeError } from '../../src/lib/sanitize/sanitize.ts';
import { RateLimited } from '../../src/lib/security/enforce-limit.ts';
import { CandleError } from '../../src/lib/wall/candles.ts';

afterEach(() => vi.restoreAllMocks());

describe('toActionError', () => {
  it('answers a domain refusal with its status and its catalogue sentence', () => {
    expect(toActionError(new CommentError('parent_invalid'), 'comment')).toMatchObject({
      code: 'CONFLICT',
      status: 409,
      message: 'comment.error.parent',
    });
    expect(toActionError(new CandleError('not_found'), 'candle')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'candle.notFound',
    });
    expect(toActionError(new RegenerateLinkError('withdrawn'), 'privacy')).toMatchObject({
      code: 'CONFLICT',
      message: 'author.link.error.withdrawn',
    });
    expect(toActionError(new UserError('self'), 'team')).toMatchObject({
      code: 'FORBIDDEN',
      message: 'team.error.self',
    });
  });

  it('answers the author’s link: gone is 404, reviewed or withdrawn already is 409', () => {
    expect(toActionError(new AuthorLinkError('not_found'), 'author-link')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'author.notFound',
    });
    expect(toActionError(new AuthorLinkError('not_pending'), 'author-link')).toMatchObject({
      code: 'CONFLICT',
      message: 'author.notPending',
    });
    expect(toActionError(new AuthorLinkError('withdrawn'), 'author-link').message).toBe('author.withdrawnAlready');
  });

  it('words a refused decision by kind, naming the status the item has now', () => {
    expect(toActionError(new StepRefused('decision', 'souvenir', 'conflict', 'approved'), 'moderation')).toMatchObject({
      code: 'CONFLICT',
      message: 'moderation.conflict.approved',
    });
    expect(toActionError(new StepRefused('decision', 'comment', 'conflict', 'spam'), 'moderation').message).toBe(
      'moderation.comment.conflict.spam',
    );
    expect(toActionError(new StepRefused('decision', 'comment', 'not_found', null), 'moderation')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'moderation.comment.error.notFound',
    });
    expect(toActionError(new StepRefused('decision', 'souvenir', 'not_allowed', 'trash'), 'moderation')).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'moderation.error.notAllowed',
    });
  });

  it('words a refused edit and a refused dismissal as those steps, not as decisions', () => {
    expect(toActionError(refusedIn('edit', 'comment', new DecisionError('conflict', 'pending')), 'edit')).toMatchObject(
      { code: 'CONFLICT', message: 'moderation.comment.edit.conflict' },
    );
    expect(toActionError(refusedIn('edit', 'souvenir', new DecisionError('not_allowed')), 'edit')).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'moderation.edit.withdrawn',
    });
    expect(toActionError(new StepRefused('dismissal', 'comment', 'conflict', 'approved'), 'reports')).toMatchObject({
      code: 'CONFLICT',
      message: 'report.error.settled',
    });
    expect(toActionError(new StepRefused('dismissal', 'comment', 'not_allowed', null), 'reports')).toMatchObject({
      code: 'NOT_FOUND',
      message: 'moderation.error.notFound',
    });
    const other = new Error('disk full');
    expect(refusedIn('edit', 'souvenir', other)).toBe(other);
  });

  it('tells a refused body by the sanitiser’s own reason, and notes it without alarm', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(toActionError(new SanitizeError('too_long', 'too long'), 'share')).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'error.body.unsafe',
    });
    expect(toActionError(new SanitizeError('frameset', 'frameset'), 'share').message).toBe('error.body.frameset');
    expect(warn).toHaveBeenCalledWith('[share] body refused by the sanitiser: frameset');
  });

  it('gives rate limits 429 and a duplicate 409, as rule-refusal.ts words them', () => {
    expect(toActionError(new RateLimited('share', 30), 'share').code).toBe('TOO_MANY_REQUESTS');
    expect(toActionError(new RuleRefusal('duplicate'), 'share').code).toBe('CONFLICT');
  });

  it('logs anything else and answers 503 with the Action’s own sentence', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(toActionError(new Error('disk full'), 'candle', 'candle.failed')).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: 'candle.failed',
    });
    expect(toActionError('not even an error', 'share').message).toBe('error.generic');
    expect(error).toHaveBeenCalledTimes(2);
  });
});
