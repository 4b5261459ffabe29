import { getRuntime } from '../runtime.ts';
import { wallNotifications } from '../wall/invalidation.ts';
import { VenueHub } from './venue-feed.ts';

const KEY = Symbol.for('mur-des-souvenirs.venue-hub');
type Holder = { [KEY]?: Promise<VenueHub> };

/** The process's hub of venue screens, on the same `wall_changed` listener as the render cache. */
export function venueHub(): Promise<VenueHub> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => new VenueHub((await getRuntime()).handle.db, await wallNotifications()))();
  return holder[KEY];
}

/** Ends every open venue stream of this process, if it has any (a stop: screens reconnect elsewhere). */
export async function endVenueStreams(): Promise<void> {
  const hub = (globalThis as Holder)[KEY];
  if (hub) (await hub).endAll();
}
