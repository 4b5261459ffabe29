import type { AstroCookies } from 'astro';
import { getRuntime } from '../runtime.ts';
import { cookieOptions } from '../auth/request-session.ts';
import { THANK_YOU_TTL_MS, recallThankYou, rememberThankYou } from './thank-you.ts';
import type { ThankYou } from './thank-you.ts';

/** The slice of a page's context the thank-you cookie needs. */
interface CookieContext {
  url: URL;
  cookies: AstroCookies;
}

/** `__Host-` over https, as for the session: Secure, Path=/, no Domain. */
async function cookieName(url: URL): Promise<{ name: string; secure: boolean }> {
  const { secure } = await cookieOptions(url);
  return { name: secure ? '__Host-merci' : 'merci', secure };
}

/**
 * After a successful post, before the page's 303 (so a reload or Back re-sends nothing): keeps
 * `thanks` in the database and gives this browser the cookie that finds it. The cookie is HttpOnly
 * (no script reads the link back) and lives as long as the row. False when the database refused
 * the write (it went away just after the contribution was stored): the page then says its thanks
 * in place, as the answer to the POST, rather than lose the private link.
 */
export async function keepThanks(context: CookieContext, thanks: ThankYou): Promise<boolean> {
  let secret: string;
  try {
    const { handle } = await getRuntime();
    secret = await rememberThankYou(handle.db, thanks);
  } catch (error) {
    console.error('[thanks] could not keep the thank-you flash, answering in place:', (error as Error).message);
    return false;
  }
  await giveThanksCookie(context, secret);
  return true;
}

/**
 * Gives this browser the cookie that finds thanks already stored under `secret` (with the
 * contribution itself: SubmissionContext.thanks). HttpOnly: no script reads the link back.
 */
export async function giveThanksCookie(context: CookieContext, secret: string): Promise<void> {
  const { name, secure } = await cookieName(context.url);
  context.cookies.set(name, secret, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: '/',
    maxAge: THANK_YOU_TTL_MS / 1000,
  });
}

/** What this browser's thank-you cookie still shows, or null (none, expired, another browser's). */
export async function thanksOfThisBrowser(context: CookieContext): Promise<ThankYou | null> {
  const { name } = await cookieName(context.url);
  const secret = context.cookies.get(name)?.value;
  if (!secret) return null;
  const { handle } = await getRuntime();
  return recallThankYou(handle.db, secret);
}
