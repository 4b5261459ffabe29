import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { keepSetting } from '../settings/kept-setting.ts';
import type { KeptSetting } from '../settings/kept-setting.ts';
import { wallNotifications } from '../wall/invalidation.ts';
import type { WallNotifications } from '../wall/notifications.ts';
import { getDiscussionSettings } from './settings.ts';
import type { DiscussionSettings } from './settings.ts';

const KEY = Symbol.for('mur-des-souvenirs.kept-discussion-settings');
type Holder = { [KEY]?: KeptSetting<DiscussionSettings> | 'starting' };

/**
 * The discussion rules for a visitor's Action, in a server process: kept in memory while the
 * process's `wall_changed` listener is in place (kept-setting.ts), read from `db` otherwise — so
 * also while that listener is still starting, or when `notifications` fails. Shared through
 * globalThis by every copy of this module, like the listener.
 */
export function discussionSettingsInForce(
  db: Kysely<Database>,
  notifications: () => Promise<WallNotifications> = wallNotifications,
): Promise<DiscussionSettings> {
  const holder = globalThis as Holder;
  const kept = holder[KEY];
  if (kept === undefined) {
    holder[KEY] = 'starting';
    notifications().then(
      (listener) => (holder[KEY] = keepSetting({ get: getDiscussionSettings }, listener)),
      () => delete holder[KEY],
    );
  }
  return kept && kept !== 'starting' ? kept.get(db) : getDiscussionSettings(db);
}

/** Forgets the process's kept rules and stops listening for them (tests). */
export function forgetDiscussionSettingsInForce(): void {
  const holder = globalThis as Holder;
  const kept = holder[KEY];
  if (kept && kept !== 'starting') kept.close();
  delete holder[KEY];
}
