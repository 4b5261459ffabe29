import type { ColumnType, Generated, Selectable } from 'kysely';
import type { NullableTimestamp, Timestamp } from './columns.ts';

// Photos and their re-encoded variants.

/** A photo of a souvenir, or staged under an upload while the share form comes back (migration 500). */
export interface PhotoTable {
  id: Generated<number>;
  souvenir_id: number | null;
  /** SHA-256 of the share form's upload token while staged; null once attached. */
  upload_hash: string | null;
  /** The gathered post (issue 20) whose image this is, until it is published as a souvenir's. */
  import_item_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** 1 to 4, the order the author chose. */
  position: number;
  /** What the photo shows, for people who cannot see it (required before it is attached). */
  alt_text: Generated<string>;
  /** When set, the photo is blurred until the visitor chooses to see it. */
  content_note: string | null;
  width: number;
  height: number;
  created_at: Timestamp;
  /** When a staged upload is forgotten; null once attached. */
  expires_at: NullableTimestamp;
}
export type PhotoRow = Selectable<PhotoTable>;

/** One re-encoded size and format of a photo, addressed by the SHA-256 of its bytes. */
export interface PhotoVariantTable {
  photo_id: number;
  format: 'webp' | 'jpeg';
  width: number;
  height: number;
  hash: string;
  /** A Buffer on pg, a Uint8Array on PGlite. */
  bytes: ColumnType<Uint8Array, Uint8Array, never>;
}
