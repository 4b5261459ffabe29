import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { runDueImports } from './run.ts';
import type { SourceRun } from './run.ts';
import { checkOriginals, claimDailyCheck } from './check.ts';
import type { CheckOutcome } from './check.ts';
import { repeatEvery } from '../ops/repeat.ts';

/** How often a process looks for a due source; each source keeps its own interval and backoff. */
export const IMPORT_POLL_MS = 60_000;

/** One log line per source run: the status and counts only (no account, no text, no password). */
export function describeRun(run: SourceRun): string {
  const error = run.outcome.error ? ` (${run.outcome.error})` : '';
  const images = run.images?.posts
    ? `, ${run.images.photos} image(s) re-encoded${run.images.failed ? `, ${run.images.failed} left out` : ''}`
    : '';
  return `[imports] source ${run.sourceId}: ${run.outcome.status}, ${run.outcome.items} post(s)${images}${error}`;
}

/** The daily check's log line: counts only. */
export function describeCheck(outcome: CheckOutcome): string {
  return `[imports] originals checked: ${outcome.checked}, unpublished: ${outcome.withdrawn}, no answer: ${outcome.unknown}`;
}

/**
 * Reads due sources now and every minute, and once a day follows the originals of consented
 * posts (imports/check.ts). Every process may run this: the claims in the database let one of
 * them read each source, and one of them run the day's check. A failure is logged and the next
 * tick tries again. Returns a function that stops the timer.
 */
export function scheduleImports(
  db: Kysely<Database>,
  options: { allowLocal: boolean },
  log: Pick<Console, 'log' | 'error'> = console,
): () => void {
  return repeatEvery(
    IMPORT_POLL_MS,
    async () => {
      for (const run of await runDueImports(db, options)) log.log(describeRun(run));
      if (await claimDailyCheck(db)) {
        const checked = await checkOriginals(db, new Date(), options);
        if (checked.checked > 0) log.log(describeCheck(checked));
      }
    },
    (error) => log.error('[imports] run failed (will retry):', error instanceof Error ? error.message : error),
  );
}
