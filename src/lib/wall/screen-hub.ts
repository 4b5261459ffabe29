import { getRuntime } from '../runtime.ts';
import { wallNotifications } from './invalidation.ts';
import { ScreenHub } from './screen-feed.ts';

const KEY = Symbol.for('mur-des-souvenirs.screen-hub');
type Holder = { [KEY]?: Promise<ScreenHub> };

/** The process's hub of live screens, on the same `wall_changed` listener as the render cache. */
export function screenHub(): Promise<ScreenHub> {
  const holder = globalThis as Holder;
  holder[KEY] ??= (async () => new ScreenHub((await getRuntime()).handle.db, await wallNotifications()))();
  return holder[KEY];
}

/** Ends every open screen stream of this process, if it has any (a stop: see ScreenHub.endAll). */
export async function endScreenStreams(): Promise<void> {
  const hub = (globalThis as Holder)[KEY];
  if (hub) (await hub).endAll();
}
