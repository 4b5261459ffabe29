import fs from 'node:fs';
import path from 'node:path';

/** Thrown when another live process already holds the embedded database. */
export class DataDirLockedError extends Error {
  readonly code = 'data_dir_locked';
  constructor(dataDir: string, pid: number) {
    super(
      `La base embarquée ${dataDir} est déjà ouverte par le processus ${pid} (sans doute le serveur). ` +
        `Arrêtez-le d'abord, ou pointez DATABASE_URL vers PostgreSQL. ` +
        `/ The embedded database is already open in process ${pid}: stop the server first, or set DATABASE_URL.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** Locks this process holds: a pid file alone cannot tell our own lock from a stale one. */
const heldHere = new Set<string>();

/** Whether a process with this id runs (EPERM: it does, as another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes an exclusive lock on a PGlite data directory, because PGlite itself never checks
 * for a second process and two writers silently corrupt it (PITFALLS.md, PGlite 0.5.16).
 * Returns the function that releases it.
 */
export function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const lockPath = path.join(path.dirname(path.resolve(dataDir)), `${path.basename(dataDir)}.lock`);
  if (heldHere.has(lockPath)) throw new DataDirLockedError(dataDir, process.pid);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, String(process.pid));
      fs.closeSync(fd);
      heldHere.add(lockPath);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        heldHere.delete(lockPath);
        process.off('exit', release);
        fs.rmSync(lockPath, { force: true });
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(fs.readFileSync(lockPath, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && holder !== process.pid && isAlive(holder)) {
        throw new DataDirLockedError(dataDir, holder);
      }
      // A lock left by a process that died (kill -9): PGlite recovers committed rows, so take it over.
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock ${dataDir}`);
}
