import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'identity' | 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** How hard to compress: a page's copies are made while a visitor waits, the static files once at start. */
export interface CompressionLevels {
  brotliQuality: number;
  gzipLevel: number;
}

/**
 * For pages, made on a visitor's request and a crawler's first visit to every page (issue 19).
 * Brotli, made once a page is asked for again: quality 5 took 1.8 ms for 13 748 bytes of a deep
 * wall page of 74 kB, quality 9 21 ms for 0.7 % less. Gzip, the copy every page's first visit
 * gets (front-cache.ts), at level 1: on a deep wall page of 54 kB, 0.28 ms for 13 471 bytes
 * against level 4's 0.51 ms for 12 725 (6 % more bytes); under a crawler's walk the thread pool's
 * CPU per page fell from 0.62 to 0.37 ms. Only gzip-only clients keep the larger copy.
 */
export const PAGE_LEVELS: CompressionLevels = { brotliQuality: 5, gzipLevel: 1 };
const STATIC_LEVELS: CompressionLevels = { brotliQuality: 9, gzipLevel: 9 };

/** A body compressed on libuv's thread pool (the event loop keeps serving). */
export function compress(body: Buffer, encoding: 'br' | 'gzip', levels = PAGE_LEVELS): Promise<Buffer> {
  if (encoding === 'gzip') return gzip(body, { level: levels.gzipLevel });
  return brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: levels.brotliQuality,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
}

/** Both compressed copies at once, as small as they get: the static files, compressed once at start. */
export async function compressAll(body: Buffer): Promise<Record<Encoding, Buffer>> {
  const [br, gz] = await Promise.all([compress(body, 'br', STATIC_LEVELS), compress(body, 'gzip', STATIC_LEVELS)]);
  return { identity: body, br, gzip: gz };
}

export interface EncodingChoice {
  best: Encoding;
  /** What to answer while a page has no brotli copy yet: gzip, else none. */
  withoutBrotli: Encoding;
}

const chosen = new Map<string, EncodingChoice>();

function choose(acceptEncoding: string): EncodingChoice {
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name!.trim(), q ? Number(q[1]) : 1);
  }
  const allowed = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  const withoutBrotli = allowed('gzip') ? 'gzip' : 'identity';
  return { best: allowed('br') ? 'br' : withoutBrotli, withoutBrotli };
}

const IDENTITY: EncodingChoice = { best: 'identity', withoutBrotli: 'identity' };

/** The encodings to answer with for an Accept-Encoding header: brotli, then gzip, else none. */
export function pickEncodings(acceptEncoding: string | undefined): EncodingChoice {
  if (!acceptEncoding) return IDENTITY;
  let choice = chosen.get(acceptEncoding);
  if (choice) return choice;
  choice = choose(acceptEncoding);
  // Browsers send a handful of distinct headers; a client sending endless variants gets no memo.
  if (chosen.size < 200) chosen.set(acceptEncoding, choice);
  return choice;
}

/** The encoding to answer with for an Accept-Encoding header: brotli, then gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  return pickEncodings(acceptEncoding).best;
}
