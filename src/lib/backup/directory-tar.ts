import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';

/** Only what a PostgreSQL data directory holds: a symlink or a socket there is not ours to copy. */
function entryOf(dir: string, relative: string): fs.Stats {
  const stat = fs.lstatSync(path.join(dir, relative));
  if (!stat.isFile() && !stat.isDirectory()) {
    throw new Error(`${relative} in the data directory is neither a file nor a directory; nothing was backed up`);
  }
  return stat;
}

/** The entries under `dir`, depth first in name order, relative to it. */
function* entries(dir: string, relative = ''): Generator<{ name: string; stat: fs.Stats }> {
  for (const child of fs.readdirSync(path.join(dir, relative)).sort()) {
    const name = relative ? `${relative}/${child}` : child;
    const stat = entryOf(dir, name);
    yield { name, stat };
    if (stat.isDirectory()) yield* entries(dir, name);
  }
}

/** The bytes of the files under `dir`: what a tar of it takes on disk, less its headers. */
export function directoryBytes(dir: string): number {
  let bytes = 0;
  for (const { stat } of entries(dir)) if (stat.isFile()) bytes += stat.size;
  return bytes;
}

/**
 * A tar of `dir` at `out` (mode 600: a database holds personal data), its entries named relative
 * to the directory as PGlite's own dump names them, streamed file by file so that memory does not
 * grow with the directory.
 */
export async function writeDirectoryTar(dir: string, out: string): Promise<void> {
  const tar = pack();
  const written = pipeline(tar, fs.createWriteStream(out, { mode: 0o600 }));
  try {
    for (const { name, stat } of entries(dir)) {
      const header = { name, mode: stat.mode & 0o7777, mtime: stat.mtime };
      if (stat.isDirectory()) tar.entry({ ...header, type: 'directory' });
      else await pipeline(fs.createReadStream(path.join(dir, name)), tar.entry({ ...header, size: stat.size }));
    }
    tar.finalize();
  } catch (error) {
    tar.destroy(error as Error);
  }
  await written;
}
