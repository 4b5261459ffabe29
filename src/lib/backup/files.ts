import fs from 'node:fs';
import path from 'node:path';

export type BackupEngine = 'pglite' | 'postgres';

/**
 * Where backups go: BACKUP_DIR, else `backups` beside the embedded database's directory
 * (./data/backups), which is already out of git and is what an operator copies off the machine.
 */
export function backupDir(env: Record<string, string | undefined>): string {
  if (env.BACKUP_DIR) return path.resolve(env.BACKUP_DIR);
  return path.join(path.dirname(path.resolve(env.DATA_DIR || './data/pglite')), 'backups');
}

/** The file name's ending for each engine: PGlite's gzipped data directory, pg_dump's custom format. */
export const BACKUP_EXTENSIONS: Readonly<Record<BackupEngine, string>> = {
  pglite: '.pglite.tar.gz',
  postgres: '.pgdump',
};

const STAMP = /(\d{8}T\d{6}Z)/;

/** `mur-des-souvenirs-20261206T075501Z.pglite.tar.gz`: sorts by time, says its engine. */
export function backupFileName(engine: BackupEngine, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  return `mur-des-souvenirs-${stamp}${BACKUP_EXTENSIONS[engine]}`;
}

/** The engine a backup file was written by, from its name; null for anything else. */
export function backupEngineOf(file: string): BackupEngine | null {
  const name = path.basename(file);
  if (name.endsWith(BACKUP_EXTENSIONS.pglite)) return 'pglite';
  if (name.endsWith(BACKUP_EXTENSIONS.postgres) || name.endsWith('.dump')) return 'postgres';
  return null;
}

/** When a backup was taken, from its name. */
export function backupTime(file: string): Date | null {
  const match = STAMP.exec(path.basename(file));
  if (!match) return null;
  const s = match[1]!;
  const iso = `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The backups in `dir`, newest first. */
export function listBackups(dir: string): { file: string; time: Date }[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => backupEngineOf(name) !== null)
    .map((name) => ({ file: path.join(dir, name), time: backupTime(name) }))
    .filter((b): b is { file: string; time: Date } => b.time !== null)
    .sort((a, b) => b.time.getTime() - a.time.getTime());
}

/** Monday of the (UTC) week of `date`, as a key. */
function weekKey(date: Date): string {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}

/**
 * Which backups to keep: the newest of each of the last `daily` days that have one, and the
 * newest of each of the last `weekly` weeks (a week's newest may also be a day's). The rest go.
 */
export function backupsToKeep(times: readonly Date[], daily = 7, weekly = 4): Set<number> {
  const newestFirst = [...times.keys()].sort((a, b) => times[b]!.getTime() - times[a]!.getTime());
  const keep = new Set<number>();
  const days = new Set<string>();
  const weeks = new Set<string>();
  for (const index of newestFirst) {
    const day = times[index]!.toISOString().slice(0, 10);
    if (!days.has(day) && days.size < daily) {
      days.add(day);
      keep.add(index);
    }
    const week = weekKey(times[index]!);
    if (!weeks.has(week) && weeks.size < weekly) {
      weeks.add(week);
      keep.add(index);
    }
  }
  return keep;
}

/** Deletes the backups in `dir` that `backupsToKeep` lets go; returns the files deleted. */
export function pruneBackups(dir: string, daily = 7, weekly = 4): string[] {
  const backups = listBackups(dir);
  const keep = backupsToKeep(
    backups.map((b) => b.time),
    daily,
    weekly,
  );
  const removed = backups.filter((_, index) => !keep.has(index)).map((b) => b.file);
  for (const file of removed) fs.rmSync(file, { force: true });
  return removed;
}

/** Writes through a temporary name and renames, so a backup directory never holds half a file. */
export function writeAtomically(file: string, bytes: Uint8Array): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, bytes);
  fs.renameSync(partial, file);
}
