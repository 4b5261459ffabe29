import type { ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { getRuntime } from '../lib/runtime.ts';
import { visitorIpHash } from '../lib/security/client-address.ts';
import { enforceRateLimit } from '../lib/security/enforce-limit.ts';
import { requireActionUser } from '../lib/auth/guard.ts';
import { endOtherSessions as endOthers, login as logIn, logout as logOut, startSession } from '../lib/auth/session.ts';
import type { LoginResult } from '../lib/auth/session.ts';
import { changePassword as changeOwnPassword } from '../lib/auth/users.ts';
import { cookieOptions, readDeviceToken, readSessionId, writeCookie } from '../lib/auth/request-session.ts';
import { safeReturnPath } from '../lib/auth/return-path.ts';
import { actorOf, teamHandler } from './admin-handler.ts';
import { toActionError } from './errors.ts';
import { formAction } from './form-action.ts';
import { changePasswordInput, loginInput } from './auth-schema.ts';

/**
 * Signs in. A refused sign-in is data, not an error, so the page can say how long to wait; unknown
 * user, disabled account and wrong password give the same answer. The address's budget is a rate
 * limit like any other: an Action error from errors.ts (429, the wait in its message).
 */
export const login = formAction(loginInput, async (input, context) => {
  const runtime = await getRuntime();
  const db = runtime.handle.db;
  const options = await cookieOptions(context.url);
  const ipHash = visitorIpHash(runtime, context);
  const deviceToken = await readDeviceToken(context);
  let unknownBrowser = false;
  let result: LoginResult;
  try {
    result = await logIn(
      db,
      {
        username: input.username,
        password: input.password,
        ipHash,
        deviceToken,
        // The budget per address is counted before argon2, whose cost is what a flood of guesses
        // spends; a browser known for this account skips it (issue 13: nobody can lock a moderator out).
        beforeUnknownBrowser: async () => {
          unknownBrowser = true;
          await enforceRateLimit(db, 'login', ipHash, { lifted: runtime.limitsLifted });
        },
      },
      options,
    );
  } catch (error) {
    throw toActionError(error, 'login');
  }
  if (result.status === 'throttled')
    return { status: 'throttled' as const, retryAfterSeconds: result.retryAfterSeconds, unknownBrowser };
  if (result.status === 'invalid') return { status: 'invalid' as const };
  // A session this browser had before is ended rather than left beside the new one.
  const previous = await readSessionId(context);
  if (previous) await logOut(db, previous, options);
  writeCookie(context, result.cookie);
  writeCookie(context, result.device);
  context.locals.user = result.user;
  return { status: 'ok' as const, retour: safeReturnPath(input.retour) };
});

/** Signs out: a POST only, so a link or an image on another page cannot do it. */
export const logout = formAction(z.object({}), async (_input, context) => {
  const { handle } = await getRuntime();
  const blank = await logOut(handle.db, await readSessionId(context), await cookieOptions(context.url));
  writeCookie(context, blank);
  context.locals.user = null;
  return { status: 'signedOut' as const };
});

/** Signs the user out on every other browser and device; this one keeps a fresh session. */
export const endOtherSessions = formAction(z.object({}), async (_input, context) => {
  const user = requireActionUser(context);
  const { handle } = await getRuntime();
  writeCookie(context, await endOthers(handle.db, user.id, await cookieOptions(context.url)));
  return { status: 'ended' as const };
});

/** Changes one's own password; every other session ends and this browser gets a fresh one. */
export const changePassword = formAction(
  changePasswordInput,
  teamHandler('password', async (input, user, context: ActionAPIContext) => {
    const { handle } = await getRuntime();
    await changeOwnPassword(handle.db, user.id, input.current, input.next, actorOf(user));
    writeCookie(context, await startSession(handle.db, user.id, await cookieOptions(context.url)));
    return { status: 'changed' as const };
  }),
);
