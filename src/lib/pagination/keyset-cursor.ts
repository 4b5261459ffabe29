/** A position in a list ordered by (time, id) descending: the last row of the page shown (the wall, the queue, the journal). */
export interface KeysetCursor {
  at: Date;
  id: number;
}

/** The `?avant=` / `?curseur=` value: the time in ms and the id, both base 36. */
export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return `${cursor.at.getTime().toString(36)}.${cursor.id.toString(36)}`;
}

/** Null when the value is not a cursor we made (a hand-edited or truncated link). */
export function decodeKeysetCursor(value: string | null | undefined): KeysetCursor | null {
  if (!value) return null;
  const match = /^([0-9a-z]{1,12})\.([0-9a-z]{1,12})$/.exec(value);
  if (!match) return null;
  const ms = parseInt(match[1]!, 36);
  const id = parseInt(match[2]!, 36);
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(id) || id > 2_147_483_647) return null;
  const at = new Date(ms);
  return Number.isNaN(at.getTime()) ? null : { at, id };
}
