import { formAction } from './form-action.ts';
import { z } from 'astro/zod';
import { getDb } from '../lib/runtime.ts';
import {
  addImportSource,
  ImportSourceError,
  removeImportSource,
  setImportSourceEnabled,
} from '../lib/imports/sources.ts';
import { addressPolicyOf, sourceFromForm } from '../lib/imports/sources-form.ts';
import { readSourceNow } from '../lib/imports/read-now.ts';
import { describeRun } from '../lib/imports/schedule.ts';
import { actorOf, adminHandler } from './admin-handler.ts';

const bounded = (max: number) => z.string().max(max, { error: 'importSources.error.tooLong' });

const addSourceInput = z.object({
  kind: z.enum(['mastodon', 'bluesky', 'rss'], { error: 'importSources.error.unknown_kind' }),
  url: z
    .string({ error: 'importSources.error.urlRequired' })
    .trim()
    .min(1, { error: 'importSources.error.urlRequired' })
    .max(500, { error: 'importSources.error.tooLong' }),
  hashtags: bounded(1000).nullish(),
  account: bounded(200).nullish(),
  // A secret is taken as typed (no trimming) and never put back into the page.
  secret: bounded(500).nullish(),
});

const sourceIdInput = z.object({
  id: z.preprocess(
    (v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
    z.number({ error: 'importSources.error.not_found' }).int().positive({ error: 'importSources.error.not_found' }),
  ),
});

/** An admin adds a source (Mastodon server, Bluesky account or feed), journaled; its secret is kept, never shown. */
export const add = formAction(
  addSourceInput,
  adminHandler('importSources.add', async (input, admin) => {
    const source = sourceFromForm({
      kind: input.kind,
      url: input.url,
      hashtags: input.hashtags ?? undefined,
      account: input.account ?? undefined,
      secret: input.secret ?? undefined,
    });
    const id = await addImportSource(await getDb(), source, addressPolicyOf(), new Date(), actorOf(admin));
    return { done: 'add' as const, id };
  }),
);

/** Pauses, resumes or removes one source: the same domain functions as `npm run import:source`. */
function sourceChange(done: 'pause' | 'resume' | 'remove') {
  return formAction(
    sourceIdInput,
    adminHandler(`importSources.${done}`, async ({ id }, admin) => {
      const db = await getDb();
      const found =
        done === 'remove'
          ? await removeImportSource(db, id, actorOf(admin))
          : await setImportSourceEnabled(db, id, done === 'resume', actorOf(admin));
      if (!found) throw new ImportSourceError('not_found');
      return { done, id };
    }),
  );
}

export const pause = sourceChange('pause');
export const resume = sourceChange('resume');
export const remove = sourceChange('remove');

/**
 * Reads one source now rather than at the timer's next minute, journaled; answers once the run is
 * recorded on the source's status line, which the page then puts in words.
 */
export const readNow = formAction(
  sourceIdInput,
  adminHandler('importSources.readNow', async ({ id }, admin) => {
    const run = await readSourceNow(await getDb(), id, addressPolicyOf(), actorOf(admin));
    // The timer's log line for the same run: counts and status only.
    console.log(describeRun(run));
    return { done: 'read' as const, id };
  }),
);
