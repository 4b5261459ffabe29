import { describe, expect, it, vi } from 'vitest';
import { actorOf, adminHandler, answeredHandler, teamHandler } from '../../src/actions/admin-handler.ts';
import { UserError } from '../../src/lib/auth/users.ts';
import { boundT } from '../../src/lib/i18n/locals.ts';
import { settingHandler } from '../../src/actions/setting-handler.ts';
import type { SessionUser } from '../../src/lib/auth/session-user.ts';

const admin: SessionUser = { id: 1, username: 'alice', displayName: 'Alice', role: 'admin' };
const moderator: SessionUser = { ...admin, id: 2, username: 'bob', role: 'moderator' };
const as = (user: SessionUser | null) => ({ locals: { user, locale: 'fr' as const, t: boundT('fr') } });

describe('adminHandler', () => {
  it('runs the change for an admin and returns what it returned', async () => {
    const handler = adminHandler('test', async (input: { n: number }, who) => ({
      twice: input.n * 2,
      by: actorOf(who),
    }));
    await expect(handler({ n: 21 }, as(admin))).resolves.toEqual({ twice: 42, by: { id: 1, label: 'alice' } });
  });

  it('refuses a visitor (401) and a moderator (403) before running anything', async () => {
    const run = vi.fn(async () => 'done');
    const handler = adminHandler('test', run);
    await expect(handler(undefined, as(null))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(handler(undefined, as(moderator))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(run).not.toHaveBeenCalled();
  });

  it('answers a domain refusal from the one table of errors', async () => {
    const handler = adminHandler('test', async () => {
      throw new UserError('last_admin');
    });
    await expect(handler(undefined, as(admin))).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'team.error.last_admin',
    });
  });
});

describe('teamHandler', () => {
  it('runs for any signed-in member, with the Action context when asked for', async () => {
    const handler = teamHandler('test', async (input: { n: number }, who, context: ReturnType<typeof as>) => ({
      n: input.n,
      by: actorOf(who),
      locale: context.locals.locale,
    }));
    await expect(handler({ n: 1 }, as(moderator))).resolves.toEqual({
      n: 1,
      by: { id: 2, label: 'bob' },
      locale: 'fr',
    });
  });

  it('refuses a visitor (401) before running anything, and maps a domain refusal', async () => {
    const run = vi.fn(async () => {
      throw new UserError('last_admin');
    });
    const handler = teamHandler('test', run);
    await expect(handler(undefined, as(null))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(run).not.toHaveBeenCalled();
    await expect(handler(undefined, as(moderator))).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('answeredHandler', () => {
  it('returns what the change returned, for anyone', async () => {
    const handler = answeredHandler('test', async (input: { token: string }) => ({ seen: input.token }));
    await expect(handler({ token: 'abc' }, as(null))).resolves.toEqual({ seen: 'abc' });
  });

  it('answers a domain refusal from the one table, and anything else as a logged try-again', async () => {
    const refused = answeredHandler('test', async () => {
      throw new UserError('last_admin');
    });
    await expect(refused(undefined, as(null))).rejects.toMatchObject({ code: 'CONFLICT' });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const broken = answeredHandler('test', async () => {
      throw new Error('database gone');
    });
    await expect(broken(undefined, as(null))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(error).toHaveBeenCalledOnce();
    error.mockRestore();
  });
});

describe('settingHandler', () => {
  it('lets only an admin save a setting, before the database is asked', async () => {
    const save = vi.fn(async () => undefined);
    const handler = settingHandler('test', save);
    await expect(handler({ n: 1 }, as(null))).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(handler({ n: 1 }, as(moderator))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(save).not.toHaveBeenCalled();
  });
});
