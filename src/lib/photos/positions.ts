/** Photos per souvenir. Here rather than in process.ts, so that a form can count them without loading sharp. */
export const MAX_PHOTOS = 4;

/** The places a photo can take in a souvenir, 1 to MAX_PHOTOS: the form's fields are named after them. */
export const PHOTO_POSITIONS: readonly number[] = Array.from({ length: MAX_PHOTOS }, (_, i) => i + 1);
