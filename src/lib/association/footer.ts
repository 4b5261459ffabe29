import { getRuntime, hasRuntime } from '../runtime.ts';
import { wallNotifications } from '../wall/invalidation.ts';
import { getPublisher } from './publisher.ts';

const KEY = Symbol.for('mur-des-souvenirs.footer-publisher');
type Holder = { [KEY]?: Promise<string | null> };

let listening = false;

/**
 * The publisher's name for every page's footer. Kept in memory because every page shows it, and
 * emptied by the wall's NOTIFY (savePublisher sends one), so every process follows a change.
 * Null before an admin fills it in, when no server runs (component tests), or on any error: a
 * footer never breaks a page.
 */
export async function footerOrganisation(): Promise<string | null> {
  if (!hasRuntime()) return null;
  const holder = globalThis as Holder;
  if (!listening) {
    listening = true;
    wallNotifications().then(
      (notifications) =>
        notifications.subscribe((signal) => {
          if (signal.kind === 'other' || signal.kind === 'reset') delete holder[KEY];
        }),
      () => {
        listening = false;
      },
    );
  }
  holder[KEY] ??= getRuntime()
    .then(({ handle }) => getPublisher(handle.db))
    .then((publisher) => publisher.organisation || null)
    .catch(() => {
      delete holder[KEY];
      return null;
    });
  return holder[KEY];
}
