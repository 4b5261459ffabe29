/**
 * `/photos/<sha256>.<webp|jpg>`: photo variants answered before Astro, from the database that
 * every host shares, through a small in-memory cache.
 *
 * An address is the hash of the bytes, so an answer never changes: a year-long `immutable`
 * cache for browsers and proxies, and an ETag that is the hash itself. The cache here holds at
 * most PHOTO_CACHE_BYTES, the least recently used going first; it is emptied on every wall change
 * (a photo removed from a shown souvenir) and re-reads an entry after PHOTO_CACHE_MS, so bytes
 * deleted elsewhere (an author removing a photo of a pending souvenir) stop being served soon.
 * Only bytes sharp wrote are stored, with the type their name says, and `nosniff` besides.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readVariant } from '../../src/lib/photos/variants.ts';
import type { VariantBytes } from '../../src/lib/photos/variants.ts';
import { getDb } from '../../src/lib/runtime.ts';
import { wallNotifications } from '../../src/lib/wall/invalidation.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export const PHOTO_CACHE_BYTES = 32 * 1024 * 1024;
export const PHOTO_CACHE_MS = 5 * 60 * 1000;
const PREFIX = '/photos/';

interface Entry {
  variant: VariantBytes;
  at: number;
}

/** A byte-bounded LRU: a Map keeps insertion order, so the first key is the least recently used. */
export function photoCache(maxBytes = PHOTO_CACHE_BYTES, maxAgeMs = PHOTO_CACHE_MS) {
  const entries = new Map<string, Entry>();
  let bytes = 0;
  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    bytes -= entry.variant.bytes.length;
    entries.delete(key);
  };
  return {
    get(key: string, now = Date.now()): VariantBytes | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      drop(key);
      if (now - entry.at > maxAgeMs) return undefined;
      entries.set(key, entry);
      bytes += entry.variant.bytes.length;
      return entry.variant;
    },
    set(key: string, variant: VariantBytes, now = Date.now()): void {
      if (variant.bytes.length > maxBytes / 4) return;
      drop(key);
      entries.set(key, { variant, at: now });
      bytes += variant.bytes.length;
      for (const oldest of entries.keys()) {
        if (bytes <= maxBytes) break;
        drop(oldest);
      }
    },
    clear(): void {
      entries.clear();
      bytes = 0;
    },
    get size() {
      return bytes;
    },
  };
}

function send(req: IncomingMessage, res: ServerResponse, variant: VariantBytes): void {
  const etag = `"${variant.hash}"`;
  const headers = {
    'cache-control': 'public, max-age=31536000, immutable',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-site',
    etag,
  };
  if (req.headers['if-none-match']?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, {
    ...headers,
    'content-type': variant.contentType,
    'content-length': String(variant.bytes.length),
  });
  res.end(req.method === 'HEAD' ? undefined : variant.bytes);
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end('Not found / Introuvable');
}

/** Answers GET and HEAD under /photos/; hands everything else to `next`. */
export function photoFiles(
  next: Handler,
  { cache = photoCache(), followWall = true }: { cache?: ReturnType<typeof photoCache>; followWall?: boolean } = {},
): Handler {
  if (followWall)
    wallNotifications().then(
      (notifications) =>
        notifications.subscribe((signal) => {
          if (signal.kind !== 'candle' && signal.kind !== 'venue') cache.clear();
        }),
      () => {},
    );
  return (req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(PREFIX) || (req.method !== 'GET' && req.method !== 'HEAD')) {
      next(req, res);
      return;
    }
    const file = url.slice(PREFIX.length).split('?')[0]!;
    const cached = cache.get(file);
    if (cached) return send(req, res, cached);
    getDb()
      .then((db) => readVariant(db, file))
      .then(
        (variant) => {
          if (!variant) return notFound(res);
          cache.set(file, variant);
          send(req, res, variant);
        },
        (error: unknown) => {
          console.error('[photos] could not read a variant:', (error as Error).message);
          res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' });
          res.end('Service unavailable / Service indisponible');
        },
      );
  };
}
