import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { WALL_CHANNEL } from '../moderation/decisions.ts';
import type { WallNotifications } from '../wall/notifications.ts';
import type { Setting } from './setting-row.ts';

/** A setting read from memory while its process hears every change of it. */
export interface KeptSetting<T> {
  /** The value in force: from memory while `notifications` listens, from the database otherwise. */
  get(db: Kysely<Database>): Promise<T>;
  /** Stops listening; every later `get` reads the database. */
  close(): void;
}

/**
 * However well it listens, a process reads its kept settings again after this long: a listener
 * whose connection died without a word (before its keepalive finds out) hears nothing, and the
 * rules an admin just saved would otherwise never hold on that host. One read a minute is nothing.
 */
export const KEPT_AT_MOST_MS = 60_000;

/**
 * Keeps one setting in memory for its busiest readers (every share and comment reads the
 * discussion rules: one round trip each, issue 19). Safe across processes and hosts only because
 * its save sends `wall_changed` (`announceSettingChange`), heard as `other`, and any `other` or
 * `reset` forgets the kept value. While the listener is down (`listening` false) nothing is kept:
 * each `get` reads the database, as without this. The value is kept from the moment its read
 * starts, so a signal during the read forgets it too: a read that may predate a change is never
 * served to a later request. A failed read is not kept.
 */
export function keepSetting<T>(
  setting: Pick<Setting<T>, 'get'>,
  notifications: Pick<WallNotifications, 'listening' | 'subscribe'>,
  { maxAgeMs = KEPT_AT_MOST_MS, now = Date.now }: { maxAgeMs?: number; now?: () => number } = {},
): KeptSetting<T> {
  let kept: Promise<T> | undefined;
  let keptAt = 0;
  let closed = false;
  const unsubscribe = notifications.subscribe((signal) => {
    if (signal.kind === 'other' || signal.kind === 'reset') kept = undefined;
  });
  return {
    get(db) {
      if (closed || !notifications.listening) return setting.get(db);
      if (kept && now() - keptAt < maxAgeMs) return kept;
      const reading = setting.get(db);
      kept = reading;
      keptAt = now();
      reading.catch(() => {
        if (kept === reading) kept = undefined;
      });
      return reading;
    },
    close() {
      closed = true;
      kept = undefined;
      unsubscribe();
    },
  };
}

/**
 * Tells every process that a kept setting changed, at commit (a setting's `alsoIn`). The payload
 * is heard as `other`: kept settings forget their value, and the render cache empties too, which
 * an admin's rare change of the rules can afford.
 */
export async function announceSettingChange(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_notify(${WALL_CHANNEL}, 'settings')`.execute(trx);
}
