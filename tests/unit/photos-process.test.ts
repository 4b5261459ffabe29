import { describe, it, expect } from 'vitest';
import sharp from 'sharp';
import exifr from 'exifr';
import { processPhoto, MAX_PHOTO_BYTES } from '../../src/lib/photos/process.ts';
import { PhotoError } from '../../src/lib/photos/refusals.ts';
import type { PhotoRefusal } from '../../src/lib/photos/refusals.ts';
import { sniffRefusal } from '../../src/lib/photos/sniff.ts';
import { boundedQueue } from '../../src/lib/photos/queue.ts';
import { jpegSegments, phoneJpeg, picture, pngBomb, webpChunks } from '../helpers/photo-fixtures.ts';

async function refusal(input: Buffer): Promise<PhotoRefusal | 'accepted'> {
  try {
    await processPhoto(input);
    return 'accepted';
  } catch (error) {
    if (error instanceof PhotoError) return error.code;
    throw error;
  }
}

// APP0 (JFIF) and the coding segments only: no APP1 (EXIF, XMP), APP2 (ICC), APP13 (IPTC), COM.
const PIXEL_SEGMENTS = new Set([0xe0, 0xdb, 0xc0, 0xc2, 0xc4, 0xdd, 0xda]);

describe('processing a photo', () => {
  it('serves no byte of metadata: no GPS, no camera serial, no copyright in any variant', async () => {
    const input = await phoneJpeg();
    expect((await exifr.parse(input, true))?.latitude).toBeCloseTo(48.858, 2);
    const processed = await processPhoto(input);
    expect(processed.variants).toHaveLength(6);
    for (const variant of processed.variants) {
      const text = variant.bytes.toString('latin1');
      expect(text).not.toContain('SN-998877');
      expect(text).not.toContain('CamCo');
      expect(text).not.toContain('Camille');
      if (variant.format === 'jpeg') {
        expect(await exifr.parse(variant.bytes, true)).toBeUndefined();
        expect(jpegSegments(variant.bytes).every((m) => PIXEL_SEGMENTS.has(m))).toBe(true);
      } else {
        expect(webpChunks(variant.bytes).filter((c) => !c.startsWith('VP8'))).toEqual([]);
      }
      const metadata = await sharp(variant.bytes).metadata();
      expect(metadata.exif).toBeUndefined();
      expect(metadata.icc).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
    }
  });

  it('makes 480, 960 and 1600 px wide WebP and JPEG, addressed by the hash of their bytes', async () => {
    const processed = await processPhoto(await picture('png', 2000, 1000));
    expect(processed.variants.map((v) => `${v.format}:${v.width}x${v.height}`)).toEqual([
      'webp:480x240',
      'jpeg:480x240',
      'webp:960x480',
      'jpeg:960x480',
      'webp:1600x800',
      'jpeg:1600x800',
    ]);
    expect({ width: processed.width, height: processed.height }).toEqual({ width: 1600, height: 800 });
    for (const v of processed.variants) {
      expect(v.hash).toMatch(/^[0-9a-f]{64}$/);
      expect((await sharp(v.bytes).metadata()).format).toBe(v.format);
    }
  });

  it('never enlarges a small photo', async () => {
    const processed = await processPhoto(await picture('webp', 300, 200));
    expect(processed.variants.map((v) => v.width)).toEqual([300, 300]);
  });

  it('applies the camera orientation, then forgets it', async () => {
    const rotated = await sharp({ create: { width: 600, height: 400, channels: 3, background: '#123456' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const processed = await processPhoto(rotated);
    expect({ width: processed.width, height: processed.height }).toEqual({ width: 400, height: 600 });
    expect((await sharp(processed.variants[0]!.bytes).metadata()).orientation).toBeUndefined();
  });

  it.each(['jpeg', 'png', 'webp', 'gif', 'avif'] as const)('reads %s', async (format) => {
    expect(await refusal(await picture(format))).toBe('accepted');
  });

  it('turns a 16-bit PNG and a CMYK JPEG into 8-bit sRGB, the colour kept', async () => {
    const blue = { width: 300, height: 200, channels: 3 as const, background: '#336699' };
    for (const input of [
      await sharp({ create: blue }).toColourspace('rgb16').png().toBuffer(),
      await sharp({ create: blue }).toColourspace('cmyk').jpeg().toBuffer(),
    ]) {
      const jpeg = (await processPhoto(input)).variants.find((v) => v.format === 'jpeg')!;
      const metadata = await sharp(jpeg.bytes).metadata();
      expect([metadata.space, metadata.depth]).toEqual(['srgb', 'uchar']);
      const [r, g, b] = (await sharp(jpeg.bytes).stats()).channels.map((c) => c.mean);
      expect(b! > g! && g! > r!).toBe(true);
    }
  });

  it('keeps only re-encoded pixels of a JPEG with HTML appended', async () => {
    const polyglot = Buffer.concat([await picture('jpeg'), Buffer.from('<html><script>alert(1)</script></html>')]);
    const processed = await processPhoto(polyglot);
    for (const v of processed.variants) expect(v.bytes.toString('latin1')).not.toContain('<script>');
  });

  it('keeps only the first frame of a GIF/ZIP polyglot, and nothing of the archive', async () => {
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), Buffer.from('evil.html<script>x</script>')]);
    const processed = await processPhoto(Buffer.concat([await picture('gif'), zip]));
    for (const v of processed.variants) {
      expect(v.bytes.includes(Buffer.from('PK\u0003\u0004', 'latin1'))).toBe(false);
      expect(v.bytes.toString('latin1')).not.toContain('<script>');
    }
  });

  it('refuses a 30 000 × 30 000 PNG from its header, without decoding it', async () => {
    const bomb = pngBomb(30_000);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const before = process.memoryUsage().rss;
    expect(await refusal(bomb)).toBe('tooManyPixels');
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);

  it.each([
    ['an SVG drawing', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>'), 'svg'],
    ['an SVG with a byte-order mark', Buffer.from('\uFEFF  <?xml version="1.0"?><svg/>'), 'svg'],
    ['a 0-byte file', Buffer.alloc(0), 'empty'],
    ['a text file named .jpg', Buffer.from('Ceci est une lettre, pas une photo.'), 'unsupported'],
    ['a PDF', Buffer.from('%PDF-1.7\n1 0 obj\n'), 'unsupported'],
  ] as const)('refuses %s', async (_name, input, code) => {
    expect(await refusal(input)).toBe(code);
  });

  it('refuses a truncated JPEG as unreadable', async () => {
    const whole = await picture('jpeg', 1200, 900);
    expect(await refusal(whole.subarray(0, Math.floor(whole.length / 2)))).toBe('unreadable');
  });

  it('refuses a TIFF, which is not among the accepted types', async () => {
    expect(await refusal(await picture('jpeg').then((b) => sharp(b).tiff().toBuffer()))).toBe('unsupported');
  });

  it('refuses a file over 15 MB before reading it', async () => {
    expect(await refusal(Buffer.alloc(MAX_PHOTO_BYTES + 1))).toBe('tooBig');
  });

  it('says an iPhone HEIC is not read', () => {
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1')]);
    expect(sniffRefusal(heic)).toBe('heic');
    const avif = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypavif\0\0\0\0mif1avif', 'latin1')]);
    expect(sniffRefusal(avif)).toBeNull();
  });
});

describe('the processing queue', () => {
  it('runs at most its number of jobs at once, the rest in order', async () => {
    const run = boundedQueue(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        run(async () => {
          running += 1;
          most = Math.max(most, running);
          await new Promise((r) => setTimeout(r, 5));
          order.push(n);
          running -= 1;
        }),
      ),
    );
    expect(most).toBe(2);
    expect(order).toEqual([1, 2, 3, 4, 5]);
  });

  it('frees its slot when a job fails', async () => {
    const run = boundedQueue(1);
    await expect(run(() => Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(await run(async () => 'next')).toBe('next');
  });
});
