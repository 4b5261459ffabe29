/**
 * `npm run import:source -- add mastodon https://mastodon.example [Hashtag …]`
 * `npm run import:source -- add bluesky https://bsky.social --account asso.example` (app password on stdin)
 * `npm run import:source -- add rss https://example.org/feed.xml`
 * `npm run import:source -- list` — every source with its status line
 * `npm run import:source -- run` — reads the due sources now (the server also does, every minute)
 * `npm run import:source -- pause|resume|remove <id>` — remove also deletes its gathered posts
 * Gathered posts go to the private queue only. IMPORT_ALLOW_LOCAL=1 accepts http://localhost (tests).
 */
import { parseArgs } from 'node:util';
import { withRuntime } from './lib/with-runtime.ts';
import { readPassword } from './lib/read-password.ts';
import {
  addImportSource,
  ImportSourceError,
  listImportSources,
  removeImportSource,
  setImportSourceEnabled,
  SOURCE_KINDS,
} from '../src/lib/imports/sources.ts';
import { runDueImports } from '../src/lib/imports/run.ts';
import { describeRun } from '../src/lib/imports/schedule.ts';
import type { ImportSourceKind } from '../db/types.ts';

const USAGE =
  'Usage: npm run import:source -- add <mastodon|bluesky|rss> <https://…> [hashtag …] [--account handle] | list | run | pause <id> | resume <id> | remove <id>';

const { values, positionals } = parseArgs({
  options: { account: { type: 'string' } },
  strict: true,
  allowPositionals: true,
});
const [command, kind, url, ...hashtags] = positionals;
const policy = { allowLocal: process.env.IMPORT_ALLOW_LOCAL === '1' };

if (!['add', 'list', 'run', 'pause', 'resume', 'remove'].includes(command ?? '')) {
  console.error(USAGE);
  process.exit(2);
}

await withRuntime(async ({ handle: { db } }) => {
  if (command === 'list') {
    for (const s of await listImportSources(db)) {
      const last = s.last_run_at ? s.last_run_at.toISOString() : 'never';
      const tags = s.hashtags.map((t) => `#${t}`).join(' ');
      console.log(
        `${s.id}\t${s.kind}\t${s.base_url}\t${tags}\t${s.status}\tlast run ${last}, ${s.last_items} post(s)` +
          (s.last_error ? `, ${s.last_error}` : ''),
      );
    }
    return;
  }
  if (command === 'pause' || command === 'resume' || command === 'remove') {
    const id = Number(kind);
    try {
      const found = Number.isInteger(id)
        ? command === 'remove'
          ? await removeImportSource(db, id)
          : await setImportSourceEnabled(db, id, command === 'resume')
        : false;
      console.log(found ? `Source ${id}: ${command}d.` : `No source ${kind ?? ''}.`);
      if (!found) process.exitCode = 2;
    } catch (error) {
      if (!(error instanceof ImportSourceError)) throw error;
      console.error(error.message);
      process.exitCode = 2;
    }
    return;
  }
  if (command === 'run') {
    for (const run of await runDueImports(db, policy)) console.log(describeRun(run));
    return;
  }
  if (!kind || !SOURCE_KINDS.includes(kind as ImportSourceKind) || !url) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  const appPassword = kind === 'bluesky' ? await readPassword('App password (hidden): ') : null;
  try {
    const id = await addImportSource(
      db,
      { kind: kind as ImportSourceKind, url, hashtags, account: values.account ?? null, appPassword },
      policy,
    );
    console.log(`Source ${id} added; its posts go to the private queue only.`);
  } catch (error) {
    if (!(error instanceof ImportSourceError)) throw error;
    console.error(error.message);
    process.exitCode = 2;
  }
});
