/** What every listing of photos reads of a `photo` row, whatever the photo belongs to. */
export const PHOTO_COLUMNS = [
  'photo.id',
  'photo.position',
  'photo.alt_text',
  'photo.content_note',
  'photo.width',
  'photo.height',
] as const;

/** A photo as any page describes it, a souvenir's or a gathered post's: its place, its words, its size. */
export interface PhotoFacts {
  id: number;
  position: number;
  altText: string;
  contentNote: string | null;
  /** Of the original as re-encoded (its widest variant): the ratio a page reserves. */
  width: number;
  height: number;
}

/** The columns of PHOTO_COLUMNS as a row holds them. */
export interface PhotoRow {
  id: number;
  position: number;
  alt_text: string;
  content_note: string | null;
  width: number;
  height: number;
}

export function photoFacts(row: PhotoRow): PhotoFacts {
  return {
    id: row.id,
    position: row.position,
    altText: row.alt_text,
    contentNote: row.content_note,
    width: row.width,
    height: row.height,
  };
}

/** Photos keyed by the id of what they belong to (absent: none), each list in the order given. */
export function groupByOwner<P>(photos: Iterable<readonly [owner: number, photo: P]>): Map<number, P[]> {
  const byOwner = new Map<number, P[]>();
  for (const [owner, photo] of photos) {
    const list = byOwner.get(owner) ?? [];
    list.push(photo);
    byOwner.set(owner, list);
  }
  return byOwner;
}
