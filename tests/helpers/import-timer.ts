import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { scheduleImports } from '../../src/lib/imports/schedule.ts';

/**
 * Runs the import timer until it logs a line `until` accepts, then stops it: every line it
 * logged, errors included, in order — what an operator would read in the server's log.
 */
export async function importTimerLog(
  db: Kysely<Database>,
  options: { allowLocal: boolean },
  until: (line: string) => boolean = () => true,
): Promise<string[]> {
  const lines: string[] = [];
  let logged!: () => void;
  const done = new Promise<void>((resolve) => (logged = resolve));
  const stop = scheduleImports(db, options, {
    log: (line: string) => {
      lines.push(line);
      if (until(line)) logged();
    },
    error: (...args: unknown[]) => lines.push(args.join(' ')),
  });
  await done;
  stop();
  return lines;
}
