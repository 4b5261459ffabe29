import { z } from 'astro/zod';
import { MAX_ALT_LENGTH, MAX_NOTE_LENGTH } from '../lib/photos/manage.ts';
import { PHOTO_POSITIONS } from '../lib/photos/positions.ts';
import { isPhotoRefusal } from '../lib/photos/refusals.ts';
import type { PhotoCaption } from '../lib/photos/staging.ts';
import { readable } from './share-schema.ts';

const text = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, { error: tooLong })
    .refine(readable, { error: 'error.text.controlChars' })
    .nullish()
    .transform((v) => (v ? v.replace(/\s+/g, ' ') : null));
const flag = z.string().nullish();

type Position = 1 | 2 | 3 | 4;
type PhotoShape = { photoUpload: z.ZodOptional<z.ZodNullable<z.ZodString>> } & {
  [K in `photoAlt${Position}` | `photoNote${Position}`]: ReturnType<typeof text>;
} & { [K in `photoKept${Position}` | `photoRefused${Position}` | `photoRemove${Position}`]: typeof flag };

/**
 * The photo fields of the share form, as the front server hands them on (scripts/lib/photo-upload.ts):
 * `photoUpload` the staging token, and for each position n `photoKept<n>` (a photo is staged
 * there), `photoRefused<n>` (its file was refused, with the code), `photoRemove<n>` (the person
 * ticked "remove"), `photoAlt<n>` and `photoNote<n>` (what they wrote about it).
 */
export const photoFields = {
  photoUpload: z.string().max(64).nullish(),
  ...Object.fromEntries(
    PHOTO_POSITIONS.flatMap((n) => [
      [`photoAlt${n}`, text(MAX_ALT_LENGTH, 'photo.alt.tooLong')],
      [`photoNote${n}`, text(MAX_NOTE_LENGTH, 'photo.note.tooLong')],
      [`photoKept${n}`, flag],
      [`photoRefused${n}`, flag],
      [`photoRemove${n}`, flag],
    ]),
  ),
} as PhotoShape;

type PhotoValues = Record<string, unknown>;

/**
 * Each refused file is said beside its own input (`photo<n>`), and each kept photo needs its
 * alternative text (`photoAlt<n>`): the form comes back with the others kept.
 */
export function checkPhotos(values: PhotoValues, context: z.RefinementCtx): void {
  for (const n of PHOTO_POSITIONS) {
    const refused = values[`photoRefused${n}`];
    if (typeof refused === 'string')
      context.addIssue({
        code: 'custom',
        path: [`photo${n}`],
        message: `photo.refused.${isPhotoRefusal(refused) ? refused : 'unreadable'}`,
      });
    if (values[`photoKept${n}`] && !values[`photoRemove${n}`] && !values[`photoAlt${n}`])
      context.addIssue({ code: 'custom', path: [`photoAlt${n}`], message: 'photo.alt.required' });
  }
}

/**
 * `checkPhotos` runs even when another field was refused (zod skips a refinement after any other
 * refusal by default): a refused file is said with the rest, not in a second round once the name
 * is given. Only an object is read.
 */
export function checkPhotosAlways(payload: { value: unknown }): boolean {
  return typeof payload.value === 'object' && payload.value !== null;
}

/** What to attach: every kept photo not removed, with its text. */
export function photoCaptions(values: PhotoValues): PhotoCaption[] {
  return PHOTO_POSITIONS.filter((n) => values[`photoKept${n}`] && !values[`photoRemove${n}`]).map((n) => ({
    position: n,
    altText: String(values[`photoAlt${n}`]),
    contentNote: (values[`photoNote${n}`] as string | null | undefined) ?? null,
  }));
}
