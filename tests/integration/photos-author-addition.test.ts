import { it, expect, beforeAll } from 'vitest';
import { describeEachDatabase } from '../helpers/databases.ts';
import { sentAt } from '../helpers/contribution-fixtures.ts';
import { picture } from '../helpers/photo-fixtures.ts';
import { processPhoto } from '../../src/lib/photos/process.ts';
import type { ProcessedPhoto } from '../../src/lib/photos/process.ts';
import { attachStagedPhotos, stagedPhotos, stagePhotos } from '../../src/lib/photos/staging.ts';
import { photosOf } from '../../src/lib/photos/shown.ts';
import { addPhotosByAuthor } from '../../src/lib/photos/author-addition.ts';
import { removePhotoByAuthor } from '../../src/lib/photos/author-removal.ts';
import { AuthorLinkError, withdrawByAuthor } from '../../src/lib/contributions/author-link.ts';
import { decideSouvenir } from '../../src/lib/contributions/decide.ts';
import { PhotoError } from '../../src/lib/photos/refusals.ts';
import { PhotoEditError } from '../../src/lib/photos/manage.ts';

let photo: ProcessedPhoto;
beforeAll(async () => {
  photo = await processPhoto(await picture('jpeg', 800, 600));
});

const script = { id: null, label: 'script' };

describeEachDatabase('the author adds a photo to a pending souvenir', (t) => {
  /** A pending souvenir already holding `count` photos, and its private token. */
  async function pendingWithPhotos(count: number) {
    const souvenir = await sentAt(t.db, 5);
    if (count > 0) {
      const positions = Array.from({ length: count }, (_, i) => i + 1);
      const upload = await stagePhotos(
        t.db,
        null,
        positions.map((position) => ({ position, photo })),
      );
      const captions = positions.map((position) => ({ position, altText: `Photo ${position}`, contentNote: null }));
      await attachStagedPhotos(t.db, upload, souvenir.id, captions);
    }
    return souvenir;
  }

  /** One photo staged as the front server stages the private page's file, at the page's slot. */
  const staged = (slot: number, now?: Date) => stagePhotos(t.db, null, [{ position: slot, photo }], now);
  const caption = (slot: number) => ({
    position: slot,
    altText: 'La file devant la salle',
    contentNote: 'Foule dense',
  });
  const shown = async (id: number) => (await photosOf(t.db, [id])).get(id) ?? [];

  it('adds the photo after the others, with its texts, journaled; a decision on the version read before is refused', async () => {
    const souvenir = await pendingWithPhotos(1);
    const before = await t.db
      .selectFrom('souvenir')
      .select('updated_at')
      .where('id', '=', souvenir.id)
      .executeTakeFirstOrThrow();
    const upload = await staged(2);
    expect(await addPhotosByAuthor(t.db, souvenir.token, upload, [caption(2)])).toBe(1);
    const photos = await shown(souvenir.id);
    expect(photos.map((p) => [p.position, p.altText, p.contentNote])).toEqual([
      [1, 'Photo 1', null],
      [2, 'La file devant la salle', 'Foule dense'],
    ]);
    expect(await stagedPhotos(t.db, upload)).toEqual([]);
    const event = await t.db
      .selectFrom('moderation_event')
      .select(['actor_label', 'target_type', 'target_id', 'after'])
      .where('action', '=', 'photo.add')
      .executeTakeFirstOrThrow();
    // Its fields as the journal shows them (a removal's are an object too).
    expect(event).toEqual({
      actor_label: 'author',
      target_type: 'souvenir',
      target_id: souvenir.id,
      after: { photo: 2, altText: 'La file devant la salle', contentNote: 'Foule dense' },
    });
    // Moderated with the souvenir: approving what was read before the photo came is refused.
    await expect(
      decideSouvenir(t.db, {
        id: souvenir.id,
        decision: 'approve',
        actor: script,
        expectedUpdatedAt: before.updated_at,
      }),
    ).rejects.toMatchObject({ code: 'changed' });
  });

  it('refuses once the souvenir is no longer pending, or withdrawn, or for a link it did not issue; the upload is dropped', async () => {
    const souvenir = await pendingWithPhotos(0);
    await decideSouvenir(t.db, { id: souvenir.id, decision: 'approve', actor: script });
    const upload = await staged(1);
    await expect(addPhotosByAuthor(t.db, souvenir.token, upload, [caption(1)])).rejects.toMatchObject({
      code: 'not_pending',
    });
    expect(await shown(souvenir.id)).toEqual([]);
    expect(await stagedPhotos(t.db, upload)).toEqual([]);

    const other = await pendingWithPhotos(0);
    await expect(addPhotosByAuthor(t.db, 'x'.repeat(32), await staged(1), [caption(1)])).rejects.toBeInstanceOf(
      AuthorLinkError,
    );
    await withdrawByAuthor(t.db, other.token);
    await expect(addPhotosByAuthor(t.db, other.token, await staged(1), [caption(1)])).rejects.toMatchObject({
      code: 'withdrawn',
    });
  });

  it('refuses a fifth photo, and fills the place a removal left once there is room', async () => {
    const souvenir = await pendingWithPhotos(4);
    const upload = await staged(4);
    await expect(addPhotosByAuthor(t.db, souvenir.token, upload, [caption(4)])).rejects.toBeInstanceOf(PhotoError);
    await expect(addPhotosByAuthor(t.db, souvenir.token, await staged(4), [caption(4)])).rejects.toMatchObject({
      code: 'tooMany',
    });
    expect((await shown(souvenir.id)).length).toBe(4);
    expect(await stagedPhotos(t.db, upload)).toEqual([]);

    const second = (await shown(souvenir.id))[1]!;
    await removePhotoByAuthor(t.db, souvenir.token, second.id);
    await addPhotosByAuthor(t.db, souvenir.token, await staged(2), [caption(2)]);
    expect((await shown(souvenir.id)).map((p) => [p.position, p.altText])).toEqual([
      [1, 'Photo 1'],
      [2, 'La file devant la salle'],
      [3, 'Photo 3'],
      [4, 'Photo 4'],
    ]);
  });

  it('says the photo is gone when its upload expired before the form came back', async () => {
    const souvenir = await pendingWithPhotos(0);
    const upload = await staged(1, new Date(Date.now() - 2 * 60 * 60 * 1000));
    await expect(addPhotosByAuthor(t.db, souvenir.token, upload, [caption(1)])).rejects.toEqual(
      new PhotoEditError('upload_gone'),
    );
    expect(await shown(souvenir.id)).toEqual([]);
  });
});
