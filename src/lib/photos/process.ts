import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import v8 from 'node:v8';
import vm from 'node:vm';
import type sharp from 'sharp';
import type { Sharp } from 'sharp';
import { PhotoError } from './refusals.ts';
import { sniffRefusal } from './sniff.ts';
import { boundedQueue } from './queue.ts';

/** The largest file accepted, in bytes (the 15 MB). */
export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
/**
 * Pixels read at most: a 48-megapixel phone photo passes, a decompression bomb (a 30 000 × 30 000
 * PNG of a few kilobytes) is refused from its header, before a byte of it is decoded.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** The widths served (srcset), narrowest first; a smaller photo is served at its own width. */
export const PHOTO_WIDTHS = [480, 960, 1600] as const;
export const PHOTO_FORMATS = ['webp', 'jpeg'] as const;
export type PhotoFormat = (typeof PHOTO_FORMATS)[number];

const ACCEPTED = new Set(['jpeg', 'png', 'webp', 'gif', 'heif']);

export interface ProcessedVariant {
  format: PhotoFormat;
  width: number;
  height: number;
  /** SHA-256 of `bytes`, hex: the variant's address. */
  hash: string;
  bytes: Buffer;
}

export interface ProcessedPhoto {
  /** Of the widest variant, the orientation applied. */
  width: number;
  height: number;
  variants: ProcessedVariant[];
}

/** sharp's default export: the function that opens a picture, with libvips' settings on it. */
type SharpLibrary = typeof sharp;

let loadingSharp: Promise<SharpLibrary> | undefined;

/**
 * sharp, loaded with the first picture rather than when the server starts: libvips and its
 * bindings are about 8 MB resident (issue 19), which a server never sent a photo need not hold.
 */
function loadSharp(): Promise<SharpLibrary> {
  loadingSharp ??= import('sharp').then(({ default: sharp }) => {
    // libvips' own thread pool and operation cache: one thread per picture and no cache, so memory
    // follows the number of pictures in hand (the queue below), not the number of cores.
    sharp.concurrency(1);
    sharp.cache(false);
    return sharp;
  });
  return loadingSharp;
}

// One picture at a time per process: measured with 20 uploads of a 4000 × 3000 JPEG at once, two
// at a time finished in 60 % of the time but held more memory, and the server's budget is 350 MB.
const inTurn = boundedQueue(1);

// sharp hands its output to JavaScript as external buffers that V8 is not told the size of, so
// nothing prompts a collection while photos are processed one after another: measured here, 20
// uploads at once left up to 50 MB of dead pixel buffers (5.8 MB of raw pixels and 1.1 MB of
// variants per photo) waiting for a collection that a request-light moment never triggers.
// A full collection after each photo costs a few milliseconds beside the ~500 ms of encoding.
v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function refusalOf(error: unknown): PhotoError {
  if (error instanceof PhotoError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) return new PhotoError('tooManyPixels');
  if (/unsupported image format/i.test(message)) return new PhotoError('unsupported');
  return new PhotoError('unreadable');
}

function encode(pixels: Sharp, format: PhotoFormat): Sharp {
  // Measured on a 4000 × 3000 upload here: WebP at effort 2 takes half the time of the default 4
  // for 3 % more bytes; mozjpeg's trellis took ten times plain libjpeg-turbo for 25 % fewer. The
  // request waits for these, so speed wins. JPEG has no alpha: a transparent PNG goes on white.
  return format === 'webp'
    ? pixels.webp({ quality: 80, effort: 2 })
    : pixels.flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true });
}

async function decodeAndVary(sharp: SharpLibrary, input: Buffer | string): Promise<ProcessedPhoto> {
  const options = { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' as const, sequentialRead: true };
  const metadata = await sharp(input, options).metadata();
  if (!metadata.format || !ACCEPTED.has(metadata.format)) throw new PhotoError('unsupported');
  if (metadata.format === 'heif' && metadata.compression !== 'av1') throw new PhotoError('heic');
  // Decoded once, oriented, in sRGB and no wider than the widest variant (JPEG and WebP shrink
  // on load); every variant is then cut from these raw pixels. Raw pixels carry no metadata
  // block at all: nothing of the uploaded file's bytes can reach a served one.
  const { data, info } = await sharp(input, options)
    .rotate()
    .resize({ width: PHOTO_WIDTHS.at(-1), withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } };
  const widths = [...new Set(PHOTO_WIDTHS.map((w) => Math.min(w, info.width)))];
  const variants: ProcessedVariant[] = [];
  for (const width of widths) {
    for (const format of PHOTO_FORMATS) {
      const out = await encode(sharp(data, raw).resize({ width }), format).toBuffer({ resolveWithObject: true });
      variants.push({
        format,
        width: out.info.width,
        height: out.info.height,
        hash: crypto.createHash('sha256').update(out.data).digest('hex'),
        bytes: out.data,
      });
    }
  }
  return { width: info.width, height: info.height, variants };
}

/** The size and first bytes of an upload held in memory or in a temporary file. */
async function headOf(input: Buffer | string): Promise<{ size: number; head: Buffer }> {
  if (typeof input !== 'string') return { size: input.length, head: input.subarray(0, 512) };
  const file = await fs.open(input, 'r');
  try {
    const { size } = await file.stat();
    const head = Buffer.alloc(Math.min(512, size));
    await file.read(head, 0, head.length, 0);
    return { size, head };
  } finally {
    await file.close();
  }
}

/**
 * Re-encodes an uploaded picture (its bytes, or the path of a temporary file holding them) into
 * the served variants (PHOTO_WIDTHS × PHOTO_FORMATS): the orientation applied, colours in sRGB,
 * every metadata block (EXIF, GPS, XMP, IPTC, ICC, comments) dropped, only the first frame of a
 * GIF or animated WebP. Throws `PhotoError` for a file it refuses (see refusals.ts). Decodes in
 * the process's bounded queue.
 */
export async function processPhoto(input: Buffer | string): Promise<ProcessedPhoto> {
  const { size, head } = await headOf(input);
  if (size > MAX_PHOTO_BYTES) throw new PhotoError('tooBig');
  const sniffed = sniffRefusal(head);
  if (sniffed) throw new PhotoError(sniffed);
  // Outside the refusals below: a sharp that cannot load is the server's fault, not the picture's.
  const sharp = await loadSharp();
  return inTurn(async () => {
    try {
      return await decodeAndVary(sharp, input);
    } catch (error) {
      throw refusalOf(error);
    } finally {
      collectGarbage();
    }
  });
}
