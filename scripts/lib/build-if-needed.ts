import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

const ROOT = path.resolve(import.meta.dirname, '../..');
/** Where the build goes; DIST_DIR lets tests and parallel work build elsewhere. */
export const DIST_DIR = path.resolve(ROOT, process.env.DIST_DIR || 'dist');
export const SERVER_ENTRY = path.join(DIST_DIR, 'server/entry.mjs');
const SOURCES = ['src', 'db', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json'];

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

/** Runs `astro build` when there is no build or a source file changed since the last one. */
export function buildIfNeeded(): void {
  const built = fs.existsSync(SERVER_ENTRY) ? fs.statSync(SERVER_ENTRY).mtimeMs : 0;
  const changed = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (built > changed) return;
  console.log(built ? 'Sources changed since the last build: building…' : 'No build yet: building the site…');
  const astro = path.join(ROOT, 'node_modules/.bin/astro');
  const result = spawnSync(astro, ['build', '--outDir', DIST_DIR], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The build failed; see the messages above.');
    process.exit(result.status ?? 1);
  }
}
