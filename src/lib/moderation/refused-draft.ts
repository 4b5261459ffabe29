import type { AstroCookies } from 'astro';
import { isContributionKind } from '../contributions/kinds.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { cookieOptions } from '../auth/request-session.ts';

/**
 * What a moderator typed in the form of a decision that was refused (the reason for the journal,
 * the note for the author), given back to that item's form on the page the refusal redirects to.
 * It travels in a cookie, never in the address the flash uses: a proxy's log keeps addresses.
 */
export interface RefusedDraft {
  kind: ContributionKind;
  id: number;
  reason: string;
  note: string;
}

const COOKIE = 'decision-refusee';
/** Long enough for the redirect that follows, short enough to be forgotten if it never comes. */
const MAX_AGE_S = 60;
/** Under the 4 KB browsers keep for one cookie, once its value is encoded. */
const MAX_ENCODED = 3800;

/** The slice of a page's context the cookie needs. */
interface CookieContext {
  url: URL;
  cookies: AstroCookies;
}

/**
 * Before the 303 that answers a refused decision: keeps what was typed for the next page of
 * `path` (the moderation pages). Nothing typed, nothing kept; a note too long to fit is dropped
 * before the reason, the journal's part.
 */
export async function keepRefusedDraft(context: CookieContext, path: string, draft: RefusedDraft): Promise<void> {
  if (!draft.reason && !draft.note) return;
  const fitting = [draft, { ...draft, note: '' }].find(
    (kept) => encodeURIComponent(JSON.stringify(kept)).length <= MAX_ENCODED,
  );
  if (!fitting) return;
  // Secure as the session is, behind a TLS-terminating proxy too.
  const { secure } = await cookieOptions(context.url);
  context.cookies.set(COOKIE, fitting, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path,
    maxAge: MAX_AGE_S,
  });
}

/** What was kept for this page, once: the cookie is cleared as it is read. Null when none (or not ours). */
export function takeRefusedDraft(context: CookieContext, path: string): RefusedDraft | null {
  const cookie = context.cookies.get(COOKIE);
  if (!cookie) return null;
  context.cookies.delete(COOKIE, { path });
  try {
    const value = cookie.json() as Partial<RefusedDraft> | null;
    if (!value || !isContributionKind(value.kind) || !Number.isSafeInteger(value.id)) return null;
    return {
      kind: value.kind,
      id: value.id!,
      reason: typeof value.reason === 'string' ? value.reason.slice(0, 500) : '',
      note: typeof value.note === 'string' ? value.note.slice(0, 500) : '',
    };
  } catch {
    return null;
  }
}
