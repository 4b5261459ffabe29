import { afterEach, describe, expect, it, vi } from 'vitest';
import { toActionError } from '../../src/actions/errors.ts';
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
