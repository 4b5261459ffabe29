import { processHub } from './live-hub.ts';
import { ScreenHub } from './screen-feed.ts';

const screens = processHub('screen-hub', (db, notifications) => new ScreenHub(db, notifications));

/** The process's hub of live screens. */
export const screenHub = screens.get;

/** Ends every open screen stream of this process, if it has any (a stop: see LiveHub.endAll). */
export const endScreenStreams = screens.endStreams;
