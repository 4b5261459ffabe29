import type { Kysely } from 'kysely';
import type { Database } from '../../../db/types.ts';
import { runDueImports } from './run.ts';
import type { SourceRun } from './run.ts';

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

/**
 * Reads due sources now and every minute. Every process may run this: the claim in the database
 * lets one of them read each source. A failure is logged and the next tick tries again.
 * Returns a function that stops the timer.
 */
export function scheduleImports(
  db: Kysely<Database>,
  options: { allowLocal: boolean },
  log: Pick<Console, 'log' | 'error'> = console,
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      for (const run of await runDueImports(db, options)) log.log(describeRun(run));
    } catch (error) {
      log.error('[imports] run failed (will retry):', error instanceof Error ? error.message : error);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), IMPORT_POLL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
