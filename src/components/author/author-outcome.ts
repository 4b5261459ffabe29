import type { MessageKey } from '../../lib/i18n/index.ts';

/** What a change on the author's private page did, as its redirect's `?fait=` says. */
export type AuthorDone = 'saved' | 'photoAdded' | 'photoRemoved' | 'withdrawn';

/** A withdrawal needs no word: the page then says the text is withdrawn. */
const NOTICES: Record<AuthorDone, MessageKey | null> = {
  saved: 'author.saved',
  photoAdded: 'photo.done.added',
  photoRemoved: 'photo.done.removed',
  withdrawn: null,
};

/** Which of the page's Actions succeeded, if any (a page answers one form at a time). */
export function authorDone(succeeded: {
  edited: boolean;
  photoAdded: boolean;
  photoRemoved: boolean;
  withdrawn: boolean;
}): AuthorDone | null {
  if (succeeded.edited) return 'saved';
  if (succeeded.photoAdded) return 'photoAdded';
  if (succeeded.photoRemoved) return 'photoRemoved';
  return succeeded.withdrawn ? 'withdrawn' : null;
}

/** The notice `?fait=` asks for: one of the listed outcomes, never anything a visitor typed. */
export function authorDoneNotice(fait: string | null): MessageKey | null {
  return fait !== null && Object.hasOwn(NOTICES, fait) ? NOTICES[fait as AuthorDone] : null;
}
