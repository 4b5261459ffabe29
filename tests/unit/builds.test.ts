import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as Builds from '../../scripts/lib/builds.ts';

// DIST_DIR is read when the module loads: point it at a temporary folder first.
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'mur-builds-'));
const dist = path.join(root, 'dist');
let builds: typeof Builds;
const made: string[] = [];

/** Stands in for `astro build`: writes an entry that says which build it is. */
function fakeBuild(dir: string, key: string | undefined): number {
  fs.mkdirSync(path.join(dir, 'server'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'server/entry.mjs'), `export const build = ${JSON.stringify(key ?? 'no key')};`);
  made.push(dir);
  return 0;
}

const distDirBefore = process.env.DIST_DIR;
beforeAll(async () => {
  process.env.DIST_DIR = dist;
  builds = await import('../../scripts/lib/builds.ts');
});
afterAll(() => {
  // The next file of this worker (vitest.config.ts: isolate false) must find the real dist/.
  if (distDirBefore === undefined) delete process.env.DIST_DIR;
  else process.env.DIST_DIR = distDirBefore;
  fs.rmSync(root, { recursive: true, force: true });
});

describe('immutable builds (issue 18)', () => {
  it('builds into a directory of its own, points dist at it, and reuses it while sources and key are unchanged', () => {
    expect(builds.currentBuild()).toBeNull();
    const first = builds.ensureBuild('key-one', fakeBuild);
    expect(fs.lstatSync(dist).isSymbolicLink()).toBe(true);
    expect(builds.currentBuild()).toBe(fs.realpathSync(first));
    expect(builds.ensureBuild('key-one', fakeBuild)).toBe(fs.realpathSync(first));
    expect(made).toHaveLength(1);
  });

  it('never changes the files of a build a process serves: a new key makes a new directory', () => {
    const serving = builds.currentBuild()!;
    const unmark = builds.markInUse(serving);
    const entryBefore = fs.readFileSync(path.join(serving, 'server/entry.mjs'), 'utf8');
    const next = builds.ensureBuild('key-two', fakeBuild);
    expect(next).not.toBe(serving);
    expect(builds.currentBuild()).toBe(fs.realpathSync(next));
    expect(fs.readFileSync(path.join(serving, 'server/entry.mjs'), 'utf8')).toBe(entryBefore);
    // Three more builds: the one in use survives the clean-up, unmarked ones beyond the newest go.
    for (const key of ['k3', 'k4', 'k5']) builds.ensureBuild(key, fakeBuild);
    expect(fs.existsSync(serving)).toBe(true);
    expect(fs.existsSync(next)).toBe(false);
    unmark();
    expect(fs.existsSync(path.join(serving, '.in-use', String(process.pid)))).toBe(false);
  });

  it('takes over a dist folder left by a plain `astro build` without deleting it first', () => {
    fs.rmSync(dist);
    fakeBuild(dist, 'plain');
    expect(builds.currentBuild()).toBe(fs.realpathSync(dist));
    const after = builds.ensureBuild('key-six', fakeBuild);
    expect(fs.lstatSync(dist).isSymbolicLink()).toBe(true);
    expect(builds.currentBuild()).toBe(fs.realpathSync(after));
    const kept = fs.readdirSync(path.join(root, '.dist-builds')).filter((name) => name.endsWith('-plain'));
    expect(kept).toHaveLength(1);
  });
});

describe('build identity (issue 18)', () => {
  it('is recorded from the sources and the key, the same wherever the build is, and differs with the key', () => {
    const one = builds.ensureBuild('identity-key', fakeBuild);
    const identity = builds.buildIdentityOf(one);
    const elsewhere = path.join(root, 'copied-build');
    fs.cpSync(one, elsewhere, { recursive: true });
    expect(builds.buildIdentityOf(elsewhere)).toBe(identity);
    expect(builds.buildIdentityOf(builds.ensureBuild('another-key', fakeBuild))).not.toBe(identity);
  });

  it('falls back to a hash of the server code for a plain `astro build`', () => {
    const plain = path.join(root, 'plain-identity');
    fakeBuild(plain, 'a');
    const first = builds.buildIdentityOf(plain);
    fakeBuild(plain, 'b');
    expect(builds.buildIdentityOf(plain)).not.toBe(first);
  });
});
