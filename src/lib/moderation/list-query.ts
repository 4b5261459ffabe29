import { decodeKeysetCursor } from '../pagination/keyset-cursor.ts';
import type { QueueFilter } from '../contributions/queue.ts';
import { searchTerms } from '../contributions/queue-filter.ts';

/** The longest search the queue keeps (its field's maxlength). */
const MAX_SEARCH = 200;

/**
 * The queue's search in its address (`q`, `signales=1`), as listQueue reads it. A search with no
 * term in it (quotes or a minus alone) is no search: the page then says no filter is on, rather
 * than show the whole list under a field that looks searched.
 */
export function queueFilterOf(params: URLSearchParams): QueueFilter {
  let text = (params.get('q') ?? '').trim().slice(0, MAX_SEARCH);
  // Not half an emoji at the cut (its first surrogate alone), nor a blank left before it.
  if (/[\uD800-\uDBFF]$/.test(text)) text = text.slice(0, -1);
  text = text.trimEnd();
  const { include, exclude } = searchTerms(text);
  return { text: include.length + exclude.length > 0 ? text : null, flagged: params.get('signales') === '1' };
}

/**
 * What narrows a queue's list besides its kind and status: the search and the page (`curseur`,
 * when it reads). An item's edit page carries them, so saving leads back to the same list, the
 * message above the item edited, rather than to the top of an unfiltered queue.
 */
export function keptListQuery(params: URLSearchParams): URLSearchParams {
  const filter = queueFilterOf(params);
  const kept = new URLSearchParams();
  if (filter.text) kept.set('q', filter.text);
  if (filter.flagged) kept.set('signales', '1');
  const cursor = params.get('curseur');
  if (cursor && decodeKeysetCursor(cursor)) kept.set('curseur', cursor);
  return kept;
}
