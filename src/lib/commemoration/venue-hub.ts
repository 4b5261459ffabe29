import { processHub } from '../wall/live-hub.ts';
import { VenueHub } from './venue-feed.ts';

const venues = processHub('venue-hub', (db, notifications) => new VenueHub(db, notifications));

/** The process's hub of venue screens. */
export const venueHub = venues.get;

/** Ends every open venue stream of this process, if it has any (a stop: screens reconnect elsewhere). */
export const endVenueStreams = venues.endStreams;
