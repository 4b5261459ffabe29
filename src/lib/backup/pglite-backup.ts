import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../../../db/lock.ts';
import { BackupError } from './errors.ts';
import { directoryBytes, writeDirectoryTar } from './directory-tar.ts';

/**
 * Writes the whole embedded database, compressed (a gzipped tar of its data directory, as
 * PGlite's `dumpDataDir('gzip')` makes and `loadDataDir` reads), to `file`. Called with the
 * instance that is open, since only one process may hold the directory: the server for its daily
 * backups, `npm run backup` when the server is stopped. Returns the compressed size.
 *
 * PGlite's own dump holds the database while it reads every file into memory and builds the tar
 * there: 10 s with its gzip, and about 1 GB of the server's memory for 20 000 souvenirs (374 MB of
 * files), kept after (the PGlite pass of the bench, issue 19). So the directory is streamed into a
 * plain tar on disk while a PGlite transaction holds every other query back (no write reaches the
 * files meanwhile: the copy is what a crash at that instant would leave, which PostgreSQL's WAL
 * recovers), then gzipped from that file on the thread pool with the database free again.
 */
export async function backupPglite(pglite: PGlite, file: string): Promise<number> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const dataDir = pglite.dataDir && path.resolve(pglite.dataDir);
  const onDisk = dataDir && !pglite.dataDir!.includes('://') && fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  // The plain tar goes beside the data directory, on its disk: the database waits for its
  // writes, which a slow or remote BACKUP_DIR would lengthen.
  const tarFile = onDisk
    ? path.join(path.dirname(dataDir), `.${path.basename(file)}.tar.partial`)
    : `${file}.tar.partial`;
  const partial = `${file}.partial`;
  forgetUnfinished(path.dirname(tarFile), path.dirname(file));
  try {
    if (onDisk) {
      ensureRoom(directoryBytes(dataDir), path.dirname(tarFile), path.dirname(file));
      await pglite.transaction(() => writeDirectoryTar(dataDir, tarFile));
    } else {
      // An in-memory database (tests): PGlite's own dump is all there is.
      const tar = await pglite.dumpDataDir('none');
      await pipeline(
        Readable.fromWeb(tar.stream() as WebReadableStream<Uint8Array>),
        fs.createWriteStream(tarFile, { mode: 0o600 }),
      );
    }
    await pipeline(
      fs.createReadStream(tarFile),
      zlib.createGzip({ level: 6 }),
      fs.createWriteStream(partial, { mode: 0o600 }),
    );
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(tarFile, { force: true });
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

/** Removes what a backup killed midway left (its plain tar, its unfinished gzip), which nothing else would. */
function forgetUnfinished(...dirs: string[]): void {
  for (const dir of new Set(dirs)) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      if (/^\.?mur-des-souvenirs-.*\.partial$/.test(name)) fs.rmSync(path.join(dir, name), { force: true });
    }
  }
}

const MARGIN_BYTES = 64 * 1024 * 1024;

/**
 * Refuses a backup that would fill a disk the database writes to (PostgreSQL stops when it cannot
 * write its log): room for the plain tar beside the data directory, and for the compressed copy
 * (at most as large) where backups go, with a margin.
 */
function ensureRoom(bytes: number, tarDir: string, backupDir: string): void {
  const free = (dir: string) => {
    const stat = fs.statfsSync(dir);
    return stat.bavail * stat.bsize;
  };
  const sameDisk = fs.statSync(tarDir).dev === fs.statSync(backupDir).dev;
  const needs = [
    { dir: tarDir, bytes: (sameDisk ? 2 * bytes : bytes) + MARGIN_BYTES },
    ...(sameDisk ? [] : [{ dir: backupDir, bytes: bytes + MARGIN_BYTES }]),
  ];
  for (const need of needs) {
    const available = free(need.dir);
    if (available < need.bytes) {
      const mb = (n: number) => `${Math.ceil(n / 1e6)} MB`;
      throw new BackupError('no_space', `a backup needs ${mb(need.bytes)} free in ${need.dir}; ${mb(available)} are`);
    }
  }
}

function isEmptyDir(dir: string): boolean {
  return !fs.existsSync(dir) || fs.readdirSync(dir).length === 0;
}

/**
 * Restores a PGlite backup into `dataDir`, which must be empty unless `force` (then its contents
 * go first). Takes the data directory's lock for the whole restore, so it refuses (DataDirLockedError)
 * while the server holds it. Throws BackupError `not_empty`.
 */
export async function restorePglite(file: string, dataDir: string, options: { force?: boolean } = {}): Promise<void> {
  const bytes = fs.readFileSync(file);
  // Loaded here, not with the module (the daily backup imports it in every server, PostgreSQL's
  // included), and before anything is removed: a PGlite that cannot load must leave the data as it was.
  const { PGlite } = await import('@electric-sql/pglite');
  const release = lockDataDir(dataDir);
  try {
    if (!isEmptyDir(dataDir)) {
      if (!options.force) throw new BackupError('not_empty', dataDir);
      for (const entry of fs.readdirSync(dataDir)) fs.rmSync(`${dataDir}/${entry}`, { recursive: true, force: true });
    }
    const pglite = await PGlite.create(dataDir, { loadDataDir: new Blob([bytes]) });
    // A query proves the files make a database before the restore is announced.
    await pglite.query('select 1');
    await pglite.close();
  } finally {
    release();
  }
}
