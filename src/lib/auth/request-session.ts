import type { AstroCookies } from 'astro';
import type { Cookie } from 'lucia';
import { getRuntime } from '../runtime.ts';
import { sessionCookieName, validateRequestSession } from './session.ts';
import type { LuciaOptions } from './lucia.ts';
import { deviceCookieName } from './device.ts';

/** The slice of Astro's context (page, endpoint, Action or middleware) that sessions use. */
export interface SessionContext {
  url: URL;
  cookies: AstroCookies;
  locals: App.Locals;
}

/** `Secure` and `__Host-` whenever people reach the site over https, even behind a TLS proxy. */
export async function cookieOptions(url: URL): Promise<LuciaOptions> {
  const { publicOrigin } = await getRuntime();
  return { secure: url.protocol === 'https:' || Boolean(publicOrigin?.startsWith('https:')) };
}

export function writeCookie(context: SessionContext, cookie: Cookie): void {
  context.cookies.set(cookie.name, cookie.value, cookie.attributes);
}

/** The raw session id the request carries, if any. */
export async function readSessionId(context: SessionContext): Promise<string | null> {
  const { handle } = await getRuntime();
  return context.cookies.get(sessionCookieName(handle.db, await cookieOptions(context.url)))?.value || null;
}

/** The device cookie the request carries, if any (device.ts): read at sign-in only. */
export async function readDeviceToken(context: SessionContext): Promise<string | null> {
  return context.cookies.get(deviceCookieName(await cookieOptions(context.url)))?.value || null;
}

/**
 * Once per request (middleware): validates the session cookie, puts the user on `locals`, and
 * renews or clears the cookie. A request without the cookie costs no query.
 */
export async function loadSessionUser(context: SessionContext): Promise<void> {
  const sessionId = await readSessionId(context);
  if (!sessionId) {
    context.locals.user = null;
    return;
  }
  try {
    const { handle } = await getRuntime();
    const result = await validateRequestSession(handle.db, sessionId, await cookieOptions(context.url));
    context.locals.user = result.user;
    if (result.cookie) writeCookie(context, result.cookie);
  } catch (error) {
    // The public pages must keep working while the database is unreachable: signed out, cookie kept.
    console.error('[auth] could not validate a session:', (error as Error).message);
    context.locals.user = null;
  }
}
