import { describe, expect, it } from 'vitest';
import { shareInput } from '../../src/actions/share-schema.ts';
import { checkPhotos, checkPhotosAlways, photoFields } from '../../src/actions/photo-fields.ts';

const form = shareInput.extend(photoFields).superRefine(checkPhotos, { when: checkPhotosAlways });
const valid = { name: 'Camille', email: 'camille@example.org', body: 'La salle chantait.', consent: true };
const messagesOf = (input: Record<string, unknown>) =>
  Object.fromEntries((form.safeParse(input).error?.issues ?? []).map((i) => [String(i.path[0]), i.message]));

describe('the share form’s photos', () => {
  it('says a refused file beside its input together with the other fields’ refusals, in one round', () => {
    expect(messagesOf({ ...valid, name: '', email: '', photoRefused1: 'unsupported' })).toMatchObject({
      name: 'error.name.required',
      email: 'error.email.required',
      photo1: 'photo.refused.unsupported',
    });
  });

  it('asks for the text of a kept photo, unless it is removed, and reads an unknown code as unreadable', () => {
    expect(messagesOf({ ...valid, photoKept2: '1' })).toEqual({ photoAlt2: 'photo.alt.required' });
    expect(messagesOf({ ...valid, photoKept2: '1', photoRemove2: 'on' })).toEqual({});
    expect(messagesOf({ ...valid, photoRefused3: '<script>' })).toEqual({ photo3: 'photo.refused.unreadable' });
  });

  it('reads only an object: anything else is refused by the schema, never thrown', () => {
    expect(form.safeParse('not a form').success).toBe(false);
    expect(form.safeParse(null).success).toBe(false);
  });
});
