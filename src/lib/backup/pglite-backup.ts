import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import zlib from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from '../../../db/lock.ts';
import { BackupError } from './errors.ts';

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
  const dataDir = pglite.dataDir;
  const onDisk = dataDir && !dataDir.includes('://') && fs.existsSync(path.join(dataDir, 'PG_VERSION'));
  const tarFile = `${file}.tar.partial`;
  const partial = `${file}.partial`;
  try {
    if (onDisk) {
      await pglite.transaction(() => writeTar(dataDir, tarFile));
    } else {
      // An in-memory database (tests): PGlite's own dump is all there is.
      const tar = await pglite.dumpDataDir('none');
      await pipeline(Readable.fromWeb(tar.stream() as WebReadableStream<Uint8Array>), fs.createWriteStream(tarFile));
    }
    await pipeline(fs.createReadStream(tarFile), zlib.createGzip({ level: 6 }), fs.createWriteStream(partial));
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(tarFile, { force: true });
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

/** A tar of `dir` as PGlite's dump names its entries (relative to the directory), streamed file by file. */
async function writeTar(dir: string, out: string): Promise<void> {
  const tar = pack();
  const written = pipeline(tar, fs.createWriteStream(out));
  const add = async (relative: string): Promise<void> => {
    for (const name of fs.readdirSync(path.join(dir, relative)).sort()) {
      const entry = relative ? `${relative}/${name}` : name;
      const stat = fs.statSync(path.join(dir, entry));
      const header = { name: entry, mode: stat.mode & 0o7777, mtime: stat.mtime };
      if (stat.isDirectory()) {
        tar.entry({ ...header, type: 'directory' });
        await add(entry);
      } else if (stat.isFile()) {
        await pipeline(fs.createReadStream(path.join(dir, entry)), tar.entry({ ...header, size: stat.size }));
      }
    }
  };
  try {
    await add('');
    tar.finalize();
  } catch (error) {
    tar.destroy(error as Error);
  }
  await written;
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
