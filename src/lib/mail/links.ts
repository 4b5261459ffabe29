import { localizedPath } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';

/** The addresses messages link to, absolute from the public origin, in the recipient's language. */
export function mailLinks(origin: string, locale: Locale) {
  const at = (path: string) => new URL(localizedPath(locale, path), origin).href;
  return {
    privateLink: (token: string) => at(`/mes-souvenirs/${token}`),
    souvenir: (publicId: string) => at(`/souvenirs/${publicId}`),
    comment: (souvenirPublicId: string, commentPublicId: string) =>
      `${at(`/souvenirs/${souvenirPublicId}`)}#commentaire-${commentPublicId}`,
    lostLinks: () => at(LOST_LINKS_PATH),
    confirm: (token: string) => at(`${CONFIRM_PATH}/${token}`),
    unsubscribe: (token: string) => at(`${UNSUBSCRIBE_PATH}/${token}`),
    /** RFC 8058's target: a POST here needs no session and no page (scripts/lib/one-click-unsubscribe.ts). */
    oneClick: (token: string) => new URL(`${ONE_CLICK_PATH}/${token}`, origin).href,
  };
}

export const LOST_LINKS_PATH = '/retrouver-mes-liens';
export const CONFIRM_PATH = '/courriel/confirmer';
export const UNSUBSCRIBE_PATH = '/courriel/desabonner';
export const ONE_CLICK_PATH = '/courriel/un-clic';
