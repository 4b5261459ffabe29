import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { backupPglite } from './pglite-backup.ts';
import { backupFileName, listBackups, pruneBackups } from './files.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How often the server looks whether a day has passed since the last backup. */
const CHECK_MS = 60 * 60 * 1000;
/** The first look waits a little, so a start is not slowed by a dump. */
const FIRST_CHECK_MS = 60 * 1000;

/**
 * Takes a backup when the newest in `dir` is a day old or more (or there is none), then keeps
 * 7 daily and 4 weekly; returns the file written, or null when none was due.
 */
export async function backupIfDue(pglite: PGlite, dir: string, now = new Date()): Promise<string | null> {
  const newest = listBackups(dir)[0];
  if (newest && now.getTime() - newest.time.getTime() < DAY_MS) return null;
  const file = path.join(dir, backupFileName('pglite', now));
  await backupPglite(pglite, file);
  pruneBackups(dir);
  return file;
}

/**
 * The embedded database's daily backup, taken by the server itself: it is the one process that
 * may open the data directory (PITFALLS.md), so `npm run backup` cannot while it runs. Failures
 * are logged, never a reason to stop serving. Returns the function that stops the schedule.
 */
export function scheduleDailyBackups(pglite: PGlite, dir: string): () => void {
  const check = () =>
    backupIfDue(pglite, dir).then(
      (file) => file && console.log(`[backup] ${path.basename(file)} written to ${dir}`),
      (error: unknown) => console.error('[backup] daily backup failed:', (error as Error).message),
    );
  const first = setTimeout(check, FIRST_CHECK_MS);
  const every = setInterval(check, CHECK_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
