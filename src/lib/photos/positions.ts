/** Photos per souvenir. Here rather than in process.ts, so that a form can count them without loading sharp. */
export const MAX_PHOTOS = 4;

/** The places a photo can take in a souvenir, 1 to MAX_PHOTOS: the form's fields are named after them. */
export const PHOTO_POSITIONS: readonly number[] = Array.from({ length: MAX_PHOTOS }, (_, i) => i + 1);

/**
 * Where a photo added to a souvenir already holding `taken` goes: after the last one, or in the
 * first place left free by a removal when the last place is taken; null when the souvenir is full.
 */
export function nextPosition(taken: readonly number[]): number | null {
  if (taken.length >= MAX_PHOTOS) return null;
  const after = Math.max(0, ...taken) + 1;
  return after <= MAX_PHOTOS ? after : (PHOTO_POSITIONS.find((n) => !taken.includes(n)) ?? null);
}
