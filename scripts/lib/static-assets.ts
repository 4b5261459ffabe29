/**
 * Astro's built CSS and JavaScript (`/_astro/…`, hashed names, immutable), answered compressed.
 *
 * `@astrojs/node` serves these files as they are on disk: on a phone, the wall's stylesheet and
 * scripts were two thirds of its transferred bytes. This layer compresses each file once, the
 * first time a browser that accepts brotli or gzip asks for it, and keeps the copies in memory
 * (a few kB per file, a few dozen files). Anything else, and clients that accept neither, go on
 * to Astro as before.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compressAll, pickEncoding } from './front-encoding.ts';
import type { Encoding } from './front-encoding.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const PREFIX = '/_astro/';
const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

type Compressed = Record<Exclude<Encoding, 'identity'>, Buffer>;

/** Wraps `next` (the front cache and Astro) with compressed answers for `clientDir`'s `_astro` files. */
export function staticAssets(next: Handler, clientDir: string): Handler {
  const directory = path.join(clientDir, PREFIX);
  // Only names listed at start: a request can never name a path of its own making.
  const names = new Set(fs.existsSync(directory) ? fs.readdirSync(directory).filter((name) => path.extname(name) in TYPES) : []);
  const compressed = new Map<string, Promise<Compressed>>();

  function compressedCopies(name: string): Promise<Compressed> {
    let copies = compressed.get(name);
    if (!copies) {
      copies = fs.promises.readFile(path.join(directory, name)).then(compressAll);
      compressed.set(name, copies);
      // A file that vanished (a rebuild under a running server) is tried again next time.
      copies.catch(() => compressed.delete(name));
    }
    return copies;
  }

  return (req, res) => {
    const name = assetName(req);
    const encoding = name !== null && names.has(name) ? pickEncoding(req.headers['accept-encoding']) : 'identity';
    if (name === null || encoding === 'identity') {
      next(req, res);
      return;
    }
    compressedCopies(name).then(
      (copies) => {
        const body = copies[encoding];
        res.writeHead(200, {
          'content-type': TYPES[path.extname(name)]!,
          'content-encoding': encoding,
          'content-length': String(body.length),
          'cache-control': IMMUTABLE,
          vary: 'Accept-Encoding',
          'x-content-type-options': 'nosniff',
        });
        res.end(req.method === 'HEAD' ? undefined : body);
      },
      (error: unknown) => {
        console.error(`[static] ${name} could not be compressed; served as is:`, (error as Error).message);
        next(req, res);
      },
    );
  };
}

/** The file name a GET or HEAD of `/_astro/<name>` asks for, or null. */
function assetName(req: IncomingMessage): string | null {
  if (req.method !== 'GET' && req.method !== 'HEAD') return null;
  const url = req.url ?? '';
  if (!url.startsWith(PREFIX)) return null;
  const name = url.slice(PREFIX.length).split('?')[0]!;
  return /^[\w.-]+$/.test(name) ? name : null;
}
