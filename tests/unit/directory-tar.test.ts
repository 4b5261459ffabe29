import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { extract } from 'tar-stream';
import { directoryBytes, writeDirectoryTar } from '../../src/lib/backup/directory-tar.ts';

function scratch(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-tar-'));
  fs.mkdirSync(path.join(dir, 'base/1'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'PG_VERSION'), '17\n');
  fs.writeFileSync(path.join(dir, 'base/1/1259'), Buffer.alloc(70_000, 7));
  return dir;
}

async function entriesOf(file: string): Promise<Array<{ name: string; type: string; size: number }>> {
  const found: Array<{ name: string; type: string; size: number }> = [];
  const reader = extract();
  reader.on('entry', (header, stream, next) => {
    let size = 0;
    stream.on('data', (chunk: unknown) => {
      size += (chunk as Buffer).length;
    });
    stream.on('end', () => {
      found.push({ name: header.name, type: header.type ?? 'file', size });
      next();
    });
  });
  await new Promise((resolve, reject) => {
    reader.on('finish', () => resolve(undefined)).on('error', reject);
    fs.createReadStream(file).pipe(reader);
  });
  return found;
}

describe('a tar of a data directory', () => {
  it('holds every file and directory by its name inside the directory, for its owner only', async () => {
    const dir = scratch();
    const out = path.join(os.tmpdir(), `mur-tar-${process.pid}.tar`);
    try {
      expect(directoryBytes(dir)).toBe(70_003);
      await writeDirectoryTar(dir, out);
      expect(await entriesOf(out)).toEqual([
        { name: 'PG_VERSION', type: 'file', size: 3 },
        { name: 'base', type: 'directory', size: 0 },
        { name: 'base/1', type: 'directory', size: 0 },
        { name: 'base/1/1259', type: 'file', size: 70_000 },
      ]);
      expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(out, { force: true });
    }
  });

  it('refuses a symlink, which would copy what it points to or loop', async () => {
    const dir = scratch();
    const out = path.join(os.tmpdir(), `mur-tar-link-${process.pid}.tar`);
    fs.symlinkSync('..', path.join(dir, 'base/parent'));
    try {
      expect(() => directoryBytes(dir)).toThrow(/base\/parent .*neither a file nor a directory/);
      await expect(writeDirectoryTar(dir, out)).rejects.toThrow(/neither a file nor a directory/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(out, { force: true });
    }
  });
});
