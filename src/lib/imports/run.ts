import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { claimDueSource, finishRun } from './claim.ts';
import type { ClaimedSource, RunOutcome } from './claim.ts';
import { runMastodonSource } from './mastodon-fetch.ts';
import { runBlueskySource } from './bluesky.ts';
import { runFeedSource } from './feed.ts';
import type { FetchOptions } from './mastodon-fetch.ts';
import { gatherImages } from './images.ts';
import type { ImagesGathered } from './images.ts';
import { renewLease } from './claim.ts';

/** One source's run as the caller sees it. */
export interface SourceRun {
  sourceId: number;
  outcome: RunOutcome;
  /** The images of its posts fetched and re-encoded after the posts were read. */
  images?: ImagesGathered;
}

/**
 * Runs every due source this process can claim, one after the other, and records each outcome
 * on its status line. Sources another process holds are skipped (they are being read).
 */
export async function runDueImports(db: Kysely<Database>, options: FetchOptions): Promise<SourceRun[]> {
  const runs: SourceRun[] = [];
  for (;;) {
    const now = options.now ?? new Date();
    const source = await claimDueSource(db, now);
    if (!source) return runs;
    runs.push(await readClaimedSource(db, source, { ...options, now }));
  }
}

/**
 * Reads a source this process has claimed (its posts, then their images), records the outcome on
 * its status line and releases the claim. A failure becomes the outcome; it is never thrown.
 */
export async function readClaimedSource(
  db: Kysely<Database>,
  source: ClaimedSource,
  options: FetchOptions & { now: Date },
): Promise<SourceRun> {
  const { now } = options;
  let outcome: RunOutcome;
  try {
    outcome =
      source.kind === 'mastodon'
        ? await runMastodonSource(db, source, options)
        : source.kind === 'bluesky'
          ? await runBlueskySource(db, source, options)
          : await runFeedSource(db, source, now);
  } catch (error) {
    outcome = { status: 'error', items: 0, error: error instanceof Error ? error.message : String(error) };
  }
  let images: ImagesGathered | undefined;
  try {
    images = await gatherImages(db, source.id, {
      policy: { allowLocal: options.allowLocal },
      now,
      renew: () => renewLease(db, source.id, now),
    });
  } catch (error) {
    // A failure here leaves the posts without images until the next run; never the run itself.
    outcome.error ??= `images: ${error instanceof Error ? error.message : String(error)}`;
  }
  await finishRun(db, source, outcome, now);
  return { sourceId: source.id, outcome, ...(images ? { images } : {}) };
}
