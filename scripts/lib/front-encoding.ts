import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Encoding = 'identity' | 'br' | 'gzip';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Each page is compressed once per change, on libuv's thread pool (the event loop keeps
 * serving). Brotli quality 9 is within a few per cent of 11 on HTML at a tenth of the time.
 */
export async function compressAll(body: Buffer): Promise<Record<Encoding, Buffer>> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 9,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    }),
    gzip(body, { level: 9 }),
  ]);
  return { identity: body, br, gzip: gz };
}

const chosen = new Map<string, Encoding>();

/** The encoding to answer with for an Accept-Encoding header: brotli, then gzip, else none. */
export function pickEncoding(acceptEncoding: string | undefined): Encoding {
  if (!acceptEncoding) return 'identity';
  let encoding = chosen.get(acceptEncoding);
  if (encoding) return encoding;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name!.trim(), q ? Number(q[1]) : 1);
  }
  const allowed = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  encoding = allowed('br') ? 'br' : allowed('gzip') ? 'gzip' : 'identity';
  // Browsers send a handful of distinct headers; a client sending endless variants gets no memo.
  if (chosen.size < 200) chosen.set(acceptEncoding, encoding);
  return encoding;
}
