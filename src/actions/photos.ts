import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import { describePhoto, removePhoto, MAX_ALT_LENGTH, MAX_NOTE_LENGTH } from '../lib/photos/manage.ts';
import { removePhotoByAuthor } from '../lib/photos/author-removal.ts';
import { addPhotosByAuthor } from '../lib/photos/author-addition.ts';
import { MAX_PHOTOS } from '../lib/photos/positions.ts';
import { readable } from './share-schema.ts';
import { actorOf, answeredHandler, teamHandler } from './admin-handler.ts';
import { visitorHandler } from './visitor-handler.ts';
import { checkPhotos, checkPhotosAlways, photoCaptions, photoFields } from './photo-fields.ts';

const id = z.coerce.number().int().positive();
const which = { souvenirId: id, photoId: id };

/** A moderator takes one photo off a souvenir (before approving its text, say); its bytes go. */
export const remove = formAction(
  z.object(which),
  teamHandler('photos', async (input, user) => {
    await removePhoto(await getDb(), input.souvenirId, input.photoId, actorOf(user));
    return { removed: input.photoId };
  }),
);

/** A moderator corrects what a photo is said to show, and its content note. */
export const describe = formAction(
  z.object({
    ...which,
    altText: z
      .string({ error: 'photo.alt.required' })
      .trim()
      .min(1, { error: 'photo.alt.required' })
      .max(MAX_ALT_LENGTH, { error: 'photo.alt.tooLong' })
      .refine(readable, { error: 'error.text.controlChars' }),
    contentNote: z
      .string()
      .trim()
      .max(MAX_NOTE_LENGTH, { error: 'photo.note.tooLong' })
      .refine(readable, { error: 'error.text.controlChars' })
      .nullish()
      .transform((v) => v || null),
  }),
  teamHandler('photos', async (input, user) => {
    await describePhoto(
      await getDb(),
      input.souvenirId,
      input.photoId,
      {
        altText: input.altText.replace(/\s+/g, ' '),
        contentNote: input.contentNote?.replace(/\s+/g, ' ') ?? null,
      },
      actorOf(user),
    );
    return { described: input.photoId };
  }),
);

/** The author takes a photo off their souvenir while it is pending, through their private link. */
const token = z.string().regex(/^[A-Za-z0-9_-]{32}$/, { error: 'author.notFound' });

export const authorRemove = formAction(
  z.object({ token, photoId: id }),
  answeredHandler('photos', async (input) => {
    await removePhotoByAuthor(await getDb(), input.token, input.photoId);
    return { removed: input.photoId };
  }),
);

/** The page's slot holds a photo (or says why its file was refused): sending no file is a refusal of its own. */
function checkSlotUsed(values: Record<string, unknown>, context: z.RefinementCtx): void {
  const slot = Number(values.photoSlot);
  if (!Number.isInteger(slot)) return;
  const kept = values[`photoKept${slot}`] && !values[`photoRemove${slot}`];
  if (!kept && !values[`photoRefused${slot}`])
    context.addIssue({ code: 'custom', path: [`photo${slot}`], message: 'photo.author.choose' });
}

/**
 * The author adds a photo to their souvenir while it is pending: the file goes through the share
 * form's pipeline in the front server (scripts/lib/photo-upload.ts), which hands on `photoUpload`
 * and `photoKept<n>` or `photoRefused<n>` for the page's one slot, `photoSlot`. Counted against
 * the sharing budget, as a share with photos is.
 */
export const authorAdd = formAction(
  z
    .object({ token, photoSlot: z.coerce.number().int().min(1).max(MAX_PHOTOS), ...photoFields })
    .superRefine(checkPhotos, { when: checkPhotosAlways })
    .superRefine(checkSlotUsed, { when: checkPhotosAlways }),
  visitorHandler('share', async (input, { db }) => {
    const captions = photoCaptions(input);
    if (!input.photoUpload || captions.length === 0) return { added: 0 };
    return { added: await addPhotosByAuthor(db, input.token, input.photoUpload, captions) };
  }),
);
