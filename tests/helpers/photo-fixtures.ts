import zlib from 'node:zlib';
import sharp from 'sharp';

/** A JPEG carrying what a phone writes: camera make and serial, GPS position, a rotation. */
export function phoneJpeg(width = 1200, height = 800): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#35618f' } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'CamCo', Model: 'Z9', Copyright: 'Camille Martin' },
      IFD2: { BodySerialNumber: 'SN-998877' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '48/1 51/1 29/1', GPSLongitudeRef: 'E', GPSLongitude: '2/1 21/1 7/1' },
    })
    .toBuffer();
}

/** A plain picture in the given format. */
export function picture(format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif', width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#8f6135' } })
    .toFormat(format)
    .toBuffer();
}

/**
 * The chunk names of a RIFF (WebP) file: VP8/VP8L/VP8X hold pixels; EXIF, XMP and ICCP would be
 * metadata. exifr does not read WebP, so tests look at the chunks themselves.
 */
export function webpChunks(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes);
  const names: string[] = [];
  for (let at = 12; at + 8 <= buffer.length;) {
    names.push(buffer.toString('latin1', at, at + 4));
    const size = buffer.readUInt32LE(at + 4);
    at += 8 + size + (size % 2);
  }
  return names;
}

/** JPEG marker segments (APPn, COM…) before the image data. */
export function jpegSegments(bytes: Uint8Array): number[] {
  const buffer = Buffer.from(bytes);
  const markers: number[] = [];
  for (let at = 2; at + 4 <= buffer.length && buffer[at] === 0xff;) {
    const marker = buffer[at + 1]!;
    markers.push(marker);
    if (marker === 0xda) break;
    at += 2 + buffer.readUInt16BE(at + 2);
  }
  return markers;
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real decompression bomb: a `side` × `side` black 1-bit PNG, a few hundred kilobytes that
 * decode to side² pixels (the zeros deflated here are side²/8 bytes, freed at once).
 */
export function pngBomb(side: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header.set([1, 0, 0, 0, 0], 8); // bit depth 1, greyscale, deflate, no filter, no interlace
  const rows = zlib.deflateSync(Buffer.alloc((1 + Math.ceil(side / 8)) * side), { level: 9 });
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', rows),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
