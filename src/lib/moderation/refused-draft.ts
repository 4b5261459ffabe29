import type { AstroCookies } from 'astro';
import { isContributionKind } from '../contributions/kinds.ts';
import type { ContributionKind } from '../contributions/kinds.ts';
import { cookieOptions } from '../auth/request-session.ts';
import { localizedPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';

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
  /** Set when the cookie could not hold all of it (fittingDraft): whoever shows it says so. */
  shortened?: true;
}

const COOKIE = 'decision-refusee';
/** Long enough for the redirect that follows, short enough to be forgotten if it never comes. */
const MAX_AGE_S = 60;
/** Under the 4 KB browsers keep for one cookie, once its value is encoded. */
const MAX_ENCODED = 3800;

/** Every moderation page of the language (the queue, the reported tab) reads the one cookie. */
const pathOf = (locale: Locale) => localizedPath(locale, '/moderation');

/** The slice of a page's context the cookie needs. */
interface CookieContext {
  url: URL;
  cookies: AstroCookies;
}

/** The longest reason or note given back: the forms' own limit. */
const MAX_TEXT = 500;

const fits = (draft: RefusedDraft) => encodeURIComponent(JSON.stringify(draft)).length <= MAX_ENCODED;

/** The first `count` characters of `text`, never half of one (a lone surrogate cannot be encoded). */
const firstCharacters = (text: string, count: number) => Array.from(text).slice(0, count).join('');

/**
 * What of `draft` the cookie can hold: all of it when it fits; else without the note (the reason
 * is the journal's part), then with the reason cut shorter until it fits (500 characters of
 * Chinese or emoji encode to 4.5 to 6 kB); a note typed alone is cut likewise. Null when nothing
 * was typed.
 */
export function fittingDraft(draft: RefusedDraft): RefusedDraft | null {
  let kept = { ...draft, reason: firstCharacters(draft.reason, MAX_TEXT), note: firstCharacters(draft.note, MAX_TEXT) };
  if (!kept.reason && !kept.note) return null;
  if (fits(kept)) return kept;
  // The note goes first, unless it is all there is: then it is cut as a reason would be.
  const cut: keyof Pick<RefusedDraft, 'reason' | 'note'> = kept.reason ? 'reason' : 'note';
  kept = { ...kept, shortened: true };
  if (cut === 'reason') kept = { ...kept, note: '' };
  while (!fits(kept)) {
    kept = { ...kept, [cut]: firstCharacters(kept[cut], Math.floor(Array.from(kept[cut]).length * 0.8)) };
  }
  return kept[cut] ? kept : null;
}

/** A draft read back from the cookie, or null when it is not one of ours. */
export function readDraft(value: unknown): RefusedDraft | null {
  const draft = value as Partial<RefusedDraft> | null;
  if (!draft || typeof draft !== 'object' || !isContributionKind(draft.kind) || !Number.isSafeInteger(draft.id)) {
    return null;
  }
  return {
    kind: draft.kind,
    id: draft.id!,
    reason: typeof draft.reason === 'string' ? firstCharacters(draft.reason, MAX_TEXT) : '',
    note: typeof draft.note === 'string' ? firstCharacters(draft.note, MAX_TEXT) : '',
    ...(draft.shortened === true ? { shortened: true as const } : {}),
  };
}

/**
 * Before the 303 that answers a refused decision: keeps what was typed for the next moderation
 * page in `locale`, as much of it as a cookie holds (fittingDraft).
 */
export async function keepRefusedDraft(context: CookieContext, locale: Locale, draft: RefusedDraft): Promise<void> {
  const fitting = fittingDraft(draft);
  if (!fitting) return;
  // Secure as the session is, behind a TLS-terminating proxy too.
  const { secure } = await cookieOptions(context.url);
  context.cookies.set(COOKIE, fitting, {
    httpOnly: true,
    secure,
    sameSite: 'lax',
    path: pathOf(locale),
    maxAge: MAX_AGE_S,
  });
}

/** What was kept for this page, once: the cookie is cleared as it is read. Null when none (or not ours). */
export function takeRefusedDraft(context: CookieContext, locale: Locale): RefusedDraft | null {
  const cookie = context.cookies.get(COOKIE);
  if (!cookie) return null;
  context.cookies.delete(COOKIE, { path: pathOf(locale) });
  try {
    return readDraft(cookie.json());
  } catch {
    return null;
  }
}

/** The kept draft when it was typed for this item (of the queue or the reports tab), else undefined. */
export function draftFor(
  draft: RefusedDraft | null,
  item: { targetType: ContributionKind; id: number },
): RefusedDraft | undefined {
  return draft?.kind === item.targetType && draft.id === item.id ? draft : undefined;
}
