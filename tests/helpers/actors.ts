import type { Actor } from '../../src/lib/moderation/audit.ts';

/** Who the journal says acted when a test stands in for a command-line script, as scripts/ do. */
export const script: Actor = { id: null, label: 'script' };

/** The venue's control desk (la régie), which runs the screens and the silences during a commemoration. */
export const venueControl: Actor = { id: null, label: 'régie' };
