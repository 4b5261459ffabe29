import { t } from '../i18n/index.ts';
import type { Locale } from '../i18n/index.ts';

/** Every demo author is "Démo · …" (demo-texts.ts). */
const DEMO_PREFIX = /^Démo · /u;

/**
 * The author's name as a card shows it: a demo card says "Démo" once, in its badge, so the name
 * drops the prefix there (feeds and the live screen have no badge and keep the name as stored).
 */
export function cardAuthorName(souvenir: { authorName: string; isDemo: boolean }): string {
  return souvenir.isDemo ? souvenir.authorName.replace(DEMO_PREFIX, '') : souvenir.authorName;
}

/**
 * A souvenir's heading: its title, or "Souvenir de {name}" when it has none. In that case the
 * name is already said, so no "par {name}" follows it (`bylineNeeded`).
 */
export function souvenirHeading(
  locale: Locale,
  souvenir: { title: string | null; authorName: string },
): { heading: string; bylineNeeded: boolean } {
  return souvenir.title !== null
    ? { heading: souvenir.title, bylineNeeded: true }
    : { heading: t(locale, 'card.untitled', { name: souvenir.authorName }), bylineNeeded: false };
}
