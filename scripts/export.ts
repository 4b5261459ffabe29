/**
 * `npm run export -- --format json|csv [--out file]`: every approved souvenir and comment, public
 * fields only (no email, IP hash or token), for a memorial archive. Writes to stdout without --out.
 * With the embedded database the server must be stopped (or DATABASE_URL set).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { withRuntime } from './lib/with-runtime.ts';
import { archiveChunks, EXPORT_FORMATS } from '../src/lib/export/archive.ts';
import type { ExportFormat } from '../src/lib/export/archive.ts';

const { values } = parseArgs({
  options: { format: { type: 'string', default: 'json' }, out: { type: 'string' } },
  strict: true,
});
const format = values.format as ExportFormat;
if (!EXPORT_FORMATS.includes(format)) {
  console.error(`--format must be one of: ${EXPORT_FORMATS.join(', ')}`);
  process.exit(2);
}

await withRuntime(async (runtime) => {
  const out = values.out ? fs.createWriteStream(values.out) : process.stdout;
  let bytes = 0;
  for await (const chunk of archiveChunks(runtime.handle.db, format)) {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, 'drain');
  }
  if (values.out) {
    const file = out as fs.WriteStream;
    file.end();
    await once(file, 'finish');
    console.error(`Export written to ${values.out} (${bytes} bytes, ${format}).`);
  }
});
