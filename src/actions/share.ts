import { formAction } from './form-action.ts';
import { createSouvenir } from '../lib/souvenirs/create-souvenir.ts';
import { evaluateSubmission } from '../lib/rules/evaluate.ts';
import { visitorHandler } from './visitor-handler.ts';
import { submissionContext } from './submission-context.ts';
import { shareInput } from './share-schema.ts';
import { checkPhotos, checkPhotosAlways, photoCaptions, photoFields } from './photo-fields.ts';
import { attachStagedPhotos } from '../lib/photos/staging.ts';
import { notifyWall } from '../lib/contributions/notify.ts';
import { sealThankYou, shareThanks } from '../lib/flash/thank-you.ts';

export const share = formAction(
  shareInput.extend(photoFields).superRefine(checkPhotos, { when: checkPhotosAlways }),
  visitorHandler('share', async (input, { db, ipHash, settings: readSettings, limitsLifted, locals }) => {
    const isRobot = Boolean(input.website);
    const settings = await readSettings();
    const verdict = await evaluateSubmission(
      db,
      {
        kind: 'souvenir',
        name: input.name,
        email: input.email,
        website: null,
        body: input.body,
        otherFields: [input.title, input.event],
        ipHash,
      },
      // The duplicate rule runs in the insert, or with the flood rule when that one runs.
      { settings, checkFlood: !limitsLifted, duplicatesRefusedOnInsert: true },
    );
    const created = await createSouvenir(
      db,
      {
        authorName: input.name,
        authorEmail: input.email,
        title: input.title,
        body: input.body,
        memoryYear: input.year,
        event: input.event,
        locale: locals.locale,
      },
      {
        ...submissionContext({ ipHash, locals }, verdict, { isRobot, notify: input.notify }),
        refuseDuplicates: true,
        // The thanks page's flash, stored with the souvenir: share-redirect.ts only gives the cookie.
        thanks: (shared) => sealThankYou(shareThanks(shared)),
      },
    );
    if (input.photoUpload) {
      const attached = await attachStagedPhotos(db, input.photoUpload, created.id, photoCaptions(input));
      // The wall was told of an approved souvenir before its photos were there.
      if (attached > 0 && created.status === 'approved') await notifyWall(db, created.id);
    }
    return {
      publicId: created.publicId,
      token: created.token,
      status: created.status,
      ...(created.thanksSecret ? { thanksSecret: created.thanksSecret } : {}),
    };
  }),
);
