import { MAX_PHOTOS } from './process.ts';

/** The places a photo can take in a souvenir, 1 to MAX_PHOTOS: the form's fields are named after them. */
export const PHOTO_POSITIONS: readonly number[] = Array.from({ length: MAX_PHOTOS }, (_, i) => i + 1);
