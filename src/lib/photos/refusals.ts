import { DomainError } from '../errors.ts';

/**
 * Why a photo is refused, each said to the person in the catalogue (`photo.refused.<code>`):
 * `empty` a 0-byte file, `tooBig` over MAX_PHOTO_BYTES, `tooMany` past the fifth file, `svg` a
 * drawing that could carry script, `heic` an iPhone HEIC (this libvips reads HEIF only as AVIF),
 * `unsupported` any other type, `unreadable` a damaged or truncated file, `tooManyPixels` a
 * decompression bomb (limitInputPixels).
 */
export const PHOTO_REFUSALS = [
  'empty',
  'tooBig',
  'tooMany',
  'svg',
  'heic',
  'unsupported',
  'unreadable',
  'tooManyPixels',
] as const;
export type PhotoRefusal = (typeof PHOTO_REFUSALS)[number];

export class PhotoError extends DomainError<PhotoRefusal> {
  constructor(code: PhotoRefusal) {
    super('PhotoError', 'Photo refused', code);
  }
}

export function isPhotoRefusal(value: string): value is PhotoRefusal {
  return (PHOTO_REFUSALS as readonly string[]).includes(value);
}
