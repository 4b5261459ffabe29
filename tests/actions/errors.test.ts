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
import { PhotoError } from '../../src/lib/photos/refusals.ts';
import { PhotoEditError } from '../../src/lib/photos/manage.ts';

afterEach(() => vi.restoreAllMocks());

describe('toActionError', () => {
  it('answers a domain refusal with its status and its catalogue sentence', () => {
    expect(toActionError(new CommentError('parent_invalid'), 'comment')).toMatchObject({ status: 409 });
  });

  // Each step and kind has its own sentence; a decision's conflict names the status the item has now.
  it.each([
    [new CommentError('parent_invalid'), 'CONFLICT', 'comment.error.parent'],
    [new CandleError('not_found'), 'NOT_FOUND', 'candle.notFound'],
    [new RegenerateLinkError('withdrawn'), 'CONFLICT', 'author.link.error.withdrawn'],
    [new UserError('self'), 'FORBIDDEN', 'team.error.self'],
    [new AuthorLinkError('not_found'), 'NOT_FOUND', 'author.notFound'],
    [new AuthorLinkError('not_pending'), 'CONFLICT', 'author.notPending'],
    [new AuthorLinkError('withdrawn'), 'CONFLICT', 'author.withdrawnAlready'],
    [new PhotoError('tooMany'), 'CONFLICT', 'photo.refused.tooMany'],
    [new PhotoError('unsupported'), 'BAD_REQUEST', 'photo.refused.unsupported'],
    [new PhotoEditError('upload_gone'), 'CONFLICT', 'photo.uploadGone'],
    [new StepRefused('decision', 'souvenir', 'conflict', 'approved'), 'CONFLICT', 'moderation.conflict.approved'],
    [new StepRefused('decision', 'comment', 'conflict', 'spam'), 'CONFLICT', 'moderation.comment.conflict.spam'],
    // Its text changed since it was read: said so, rather than naming a status it never left.
    [new StepRefused('decision', 'souvenir', 'changed', 'pending'), 'CONFLICT', 'moderation.conflict.changed'],
    [new StepRefused('decision', 'comment', 'changed', 'pending'), 'CONFLICT', 'moderation.comment.conflict.changed'],
    [new StepRefused('decision', 'comment', 'not_found', null), 'NOT_FOUND', 'moderation.comment.error.notFound'],
    [new StepRefused('decision', 'souvenir', 'not_allowed', 'trash'), 'BAD_REQUEST', 'moderation.error.notAllowed'],
    [
      refusedIn('edit', 'comment', new DecisionError('conflict', 'pending')),
      'CONFLICT',
      'moderation.comment.edit.conflict',
    ],
    [refusedIn('edit', 'souvenir', new DecisionError('not_allowed')), 'BAD_REQUEST', 'moderation.edit.withdrawn'],
    [new StepRefused('dismissal', 'comment', 'conflict', 'approved'), 'CONFLICT', 'report.error.settled'],
    [new StepRefused('dismissal', 'comment', 'not_allowed', null), 'NOT_FOUND', 'moderation.error.notFound'],
  ])('answers %s with %s and %s', (error, code, message) => {
    expect(toActionError(error, 'test')).toMatchObject({ code, message });
  });

  it('lets an edit’s other failures through as they are', () => {
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

  it('logs a failed write without the row or the parameters the database error carries', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failed = Object.assign(new Error('new row violates check constraint "mail_outbox_status_check"'), {
      code: '23514',
      detail: 'Failing row contains (zoe.private@example.org, /mes-souvenirs/Abcdefghijklmnopqrstuvwxyz012345).',
      params: ['zoe.private@example.org', 'Zoé'],
    });
    toActionError(failed, 'share');
    const line = error.mock.calls.flat().map(String).join(' ');
    expect(line).toContain(
      '[share] failed: Error: new row violates check constraint "mail_outbox_status_check" (code 23514)',
    );
    expect(line).not.toContain('zoe.private');
    expect(line).not.toContain('Abcdefghijklmnopqrstuvwxyz012345');
    expect(line).not.toContain('Zoé');
  });
});
