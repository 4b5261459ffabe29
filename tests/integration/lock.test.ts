import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createDb, DataDirLockedError, migrateToLatest } from '../../db/index.ts';
import { isAlive } from '../../db/lock.ts';

describe('the embedded database lock', () => {
  it('tells a running process from one that ended', () => {
    expect(isAlive(process.pid)).toBe(true);
    const ended = spawnSync(process.execPath, ['-e', 'process.pid'], { encoding: 'utf8' });
    expect(ended.pid).toBeGreaterThan(0);
    expect(isAlive(ended.pid!)).toBe(false);
  });

  it('refuses a second opening of the same data directory and allows it after close', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mur-lock-')), 'pglite');
    const first = await createDb({ dataDir: dir });
    await migrateToLatest(first.db);
    await expect(createDb({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
    await first.close();
    const again = await createDb({ dataDir: dir });
    await again.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mur-lock-')), 'pglite');
    const dead = spawnSync('true').pid!;
    fs.writeFileSync(`${dir}.lock`, String(dead));
    const handle = await createDb({ dataDir: dir });
    await handle.close();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });
});
