/**
 * The files of `dist/client` (Astro's bundles under `/_astro/`, then `public/`), answered from
 * memory before Astro.
 *
 * `@astrojs/node` runs in middleware mode (astro.config.mjs): its standalone handler looked for a
 * file on disk for every request, pages and form posts included (a `stat` and an ENOENT error
 * each time, 5 % of the CPU of sharing in `npm run bench`), and sent CSS and JavaScript
 * uncompressed (two thirds of the wall's bytes on a phone). Here the files are listed, read and
 * compressed once at start, so a request can only name a file that was there; everything else
 * goes on to Astro. The whole directory is held in memory: it is Astro's bundles and a favicon
 * (about 50 kB); large media would belong on a CDN, not in `public/`.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { compressAll, pickEncoding } from './front-encoding.ts';
import type { Encoding } from './front-encoding.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

const TYPES: Readonly<Record<string, string>> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};
const COMPRESSED_TYPES = new Set(['.css', '.js', '.mjs', '.svg', '.json', '.txt', '.xml', '.webmanifest']);
/** Astro's bundles carry a content hash in their names: they never change at an address. */
const BUNDLES = '/_astro/';

interface StaticFile {
  bodies: Partial<Record<Encoding, Buffer>>;
  headers: Record<string, string>;
  /** Quoted, as sent. */
  etag: string;
}

function listFiles(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${prefix}/${entry.name}`;
    if (entry.name.startsWith('.')) return [];
    if (entry.isDirectory()) return listFiles(path.join(dir, entry.name), relative);
    return entry.isFile() && path.extname(entry.name) in TYPES ? [relative] : [];
  });
}

/** Reads and compresses every servable file under `clientDir`, keyed by URL path. */
export async function loadStaticFiles(clientDir: string): Promise<Map<string, StaticFile>> {
  const files = new Map<string, StaticFile>();
  for (const urlPath of listFiles(clientDir)) {
    const extension = path.extname(urlPath);
    const identity = await fs.promises.readFile(path.join(clientDir, urlPath));
    const bodies = COMPRESSED_TYPES.has(extension) ? await compressAll(identity) : { identity };
    files.set(urlPath, {
      bodies,
      etag: `"${crypto.createHash('sha256').update(identity).digest('base64url').slice(0, 27)}"`,
      headers: {
        'content-type': TYPES[extension]!,
        'cache-control': urlPath.startsWith(BUNDLES) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
        ...(COMPRESSED_TYPES.has(extension) ? { vary: 'Accept-Encoding' } : {}),
      },
    });
  }
  return files;
}

/** Answers GET and HEAD of the loaded files (304 on a matching ETag); hands everything else to `next`. */
export function staticFiles(next: Handler, files: Map<string, StaticFile>): Handler {
  return (req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const file =
      req.method === 'GET' || req.method === 'HEAD' ? files.get(query >= 0 ? url.slice(0, query) : url) : undefined;
    if (!file) {
      next(req, res);
      return;
    }
    const encoding = pickEncoding(req.headers['accept-encoding']);
    const chosen = file.bodies[encoding] ? encoding : 'identity';
    const etag = chosen === 'identity' ? file.etag : file.etag.replace(/"$/, `-${chosen}"`);
    if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      res.writeHead(304, {
        etag,
        'cache-control': file.headers['cache-control']!,
        ...(file.headers.vary ? { vary: file.headers.vary } : {}),
      });
      res.end();
      return;
    }
    const body = file.bodies[chosen]!;
    res.writeHead(200, {
      ...file.headers,
      etag,
      'content-length': String(body.length),
      ...(chosen === 'identity' ? {} : { 'content-encoding': chosen }),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
