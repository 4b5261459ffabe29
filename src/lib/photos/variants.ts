import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import type { PhotoFormat, ProcessedVariant } from './process.ts';

export const EXTENSION: Record<PhotoFormat, string> = { webp: 'webp', jpeg: 'jpg' };
export const CONTENT_TYPE: Record<string, string> = { webp: 'image/webp', jpg: 'image/jpeg' };

/** `<sha256 hex>.<webp|jpg>`: the only file names the photo route answers. */
const VARIANT_FILE = /^([0-9a-f]{64})\.(webp|jpg)$/;

export async function insertVariants(
  db: Kysely<Database>,
  photoId: number,
  variants: readonly ProcessedVariant[],
): Promise<void> {
  await db
    .insertInto('photo_variant')
    .values(
      variants.map((v) => ({
        photo_id: photoId,
        format: v.format,
        width: v.width,
        height: v.height,
        hash: v.hash,
        bytes: v.bytes,
      })),
    )
    .execute();
}

export interface VariantBytes {
  contentType: string;
  /** The hash, which is also the ETag. */
  hash: string;
  bytes: Buffer;
}

/**
 * The bytes served at `/photos/<file>`, or null for a name that is not a variant's or a variant
 * no longer stored. The extension must match the stored format: a JPEG is never answered as WebP.
 */
export async function readVariant(db: Kysely<Database>, file: string): Promise<VariantBytes | null> {
  const match = VARIANT_FILE.exec(file);
  if (!match) return null;
  const [, hash, extension] = match as unknown as [string, string, 'webp' | 'jpg'];
  const row = await db
    .selectFrom('photo_variant')
    .select('bytes')
    .where('hash', '=', hash)
    .where('format', '=', extension === 'jpg' ? 'jpeg' : 'webp')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  // pg gives a Buffer, PGlite a Uint8Array: one shape for the server.
  const bytes = Buffer.isBuffer(row.bytes)
    ? row.bytes
    : Buffer.from(row.bytes.buffer, row.bytes.byteOffset, row.bytes.byteLength);
  return { contentType: CONTENT_TYPE[extension]!, hash, bytes };
}
