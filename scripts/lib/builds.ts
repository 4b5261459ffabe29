import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { isAlive } from '../../db/lock.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * The current build: a symbolic link to one directory of BUILDS_DIR (or, after a plain
 * `astro build`, a directory). DIST_DIR lets tests and parallel work build elsewhere.
 */
export const DIST_DIR = path.resolve(ROOT, process.env.DIST_DIR || 'dist');
/** Every build `npm start` made, each in a directory of its own that never changes once made. */
const BUILDS_DIR = path.join(path.dirname(DIST_DIR), `.${path.basename(DIST_DIR)}-builds`);
const SOURCES = ['src', 'db', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'];
const INFO = 'build-info.json';
/** Builds kept besides the current one and those a running process still serves from. */
const KEPT = 2;

interface BuildInfo {
  /** A hash of the key the build was made with (islands and Actions), never the key itself. */
  keyFingerprint: string | null;
  builtAt: number;
  /** See `sourceIdentity`. */
  identity?: string;
}

function newestMtime(target: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

function fingerprint(key: string | undefined): string | null {
  return key ? createHash('sha256').update(key).digest('base64url').slice(0, 16) : null;
}

function readInfo(dir: string): BuildInfo | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, INFO), 'utf8')) as BuildInfo;
  } catch {
    return null;
  }
}

/** The real directory of the current build, or null when there is none. */
export function currentBuild(): string | null {
  try {
    const dir = fs.realpathSync(DIST_DIR);
    return fs.existsSync(path.join(dir, 'server/entry.mjs')) ? dir : null;
  } catch {
    return null;
  }
}

/** Whether `dir` is a build of the current sources, made with `key` when one is required. */
function isUsable(dir: string, key: string | undefined): boolean {
  const entry = fs.statSync(path.join(dir, 'server/entry.mjs'));
  if (entry.mtimeMs <= Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))))) return false;
  return key === undefined || readInfo(dir)?.keyFingerprint === fingerprint(key);
}

/** Points DIST_DIR at `dir` in one rename, so a reader sees the old build or the new one, never half. */
function switchTo(dir: string): void {
  const stat = fs.lstatSync(DIST_DIR, { throwIfNoEntry: false });
  if (stat?.isDirectory()) {
    // A plain `astro build` left a directory: it becomes one build among the others.
    fs.renameSync(DIST_DIR, path.join(BUILDS_DIR, `${Date.now()}-plain`));
  }
  const link = `${DIST_DIR}.${process.pid}.link`;
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(path.dirname(DIST_DIR), dir), link);
  fs.renameSync(link, DIST_DIR);
}

function inUse(dir: string): boolean {
  const marks = path.join(dir, '.in-use');
  if (!fs.existsSync(marks)) return false;
  return fs.readdirSync(marks).some((name) => isAlive(Number(name)));
}

/** Removes old builds, keeping the current one, the KEPT newest and any a live process serves. */
function removeOldBuilds(current: string): void {
  if (!fs.existsSync(BUILDS_DIR)) return;
  const builds = fs
    .readdirSync(BUILDS_DIR)
    .map((name) => path.join(BUILDS_DIR, name))
    .sort()
    .reverse();
  for (const dir of builds.slice(KEPT)) {
    if (dir !== current && !inUse(dir)) fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds the site into `dir` with `key`; answers the exit status. */
export type Builder = (dir: string, key: string | undefined) => number;

function astroBuild(dir: string, key: string | undefined): number {
  const astro = path.join(ROOT, 'node_modules/.bin/astro');
  const env = key ? { ...process.env, ASTRO_KEY: key } : process.env;
  return spawnSync(astro, ['build', '--outDir', dir], { cwd: ROOT, stdio: 'inherit', env }).status ?? 1;
}

/**
 * The build to serve: the current one when it is up to date (and made with `key`, when given),
 * else a new one made in a directory of its own and switched to. A process already serving keeps
 * the directory it started from (it imports the real path, see `markInUse`): rebuilding never
 * changes a file under it, which a rebuild in place did (500s for pages it had not loaded yet).
 */
export function ensureBuild(key?: string, build: Builder = astroBuild): string {
  const current = currentBuild();
  if (current && isUsable(current, key)) return current;
  console.log(current ? 'Sources or key changed since the last build: building…' : 'No build yet: building the site…');
  fs.mkdirSync(BUILDS_DIR, { recursive: true });
  // Named so that sorting the names sorts by age, even for builds made in the same millisecond.
  const dir = path.join(BUILDS_DIR, `${Date.now()}-${process.hrtime.bigint().toString().padStart(20, '0')}`);
  // Taken before building: sources edited during the build make a build that says it is older.
  const identity = sourceIdentity(key);
  const status = build(dir, key);
  if (status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.error('The build failed; see the messages above. The current build, if any, is unchanged.');
    process.exit(status);
  }
  const info: BuildInfo = { keyFingerprint: fingerprint(key), builtAt: Date.now(), identity };
  fs.writeFileSync(path.join(dir, INFO), JSON.stringify(info));
  switchTo(dir);
  removeOldBuilds(dir);
  return dir;
}

/** Marks `dir` as served by this process until it exits, so that no later start removes it. */
export function markInUse(dir: string): () => void {
  const mark = path.join(dir, '.in-use', String(process.pid));
  fs.mkdirSync(path.dirname(mark), { recursive: true });
  fs.writeFileSync(mark, '');
  return () => fs.rmSync(mark, { force: true });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/**
 * What a build is made from: every source file (by its path in the project) and the key. The
 * output cannot say it: the bundle names source files by their absolute path and chunks by a hash
 * of their content, so two hosts keeping their copies in different places build different bytes
 * from the same sources.
 */
function sourceIdentity(key: string | undefined): string {
  const hash = createHash('sha256').update(fingerprint(key) ?? '');
  for (const source of SOURCES) {
    const target = path.join(ROOT, source);
    const files = fs.statSync(target, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(target) : [target];
    for (const file of files) {
      if (!fs.existsSync(file)) continue;
      hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
    }
  }
  return hash.digest('base64url').slice(0, 16);
}

/**
 * What identifies a build, the same on every host that built the same sources with the same key
 * (recorded when `ensureBuild` made it), so that their pages get the same ETags
 * (src/lib/wall/content-version.ts). A plain `astro build` has no record: its server code's hash.
 */
export function buildIdentityOf(dir: string): string {
  const recorded = readInfo(dir)?.identity;
  if (recorded) return recorded;
  const hash = createHash('sha256');
  for (const file of filesUnder(path.join(dir, 'server')))
    hash.update(path.relative(dir, file)).update(fs.readFileSync(file));
  return hash.digest('base64url').slice(0, 16);
}
