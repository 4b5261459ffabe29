import type { PhotoRefusal } from './refusals.ts';

/** HEIF brands that mean HEVC-coded pictures (an iPhone's HEIC), which this build cannot decode. */
const HEVC_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'];

/**
 * Refusals that the first bytes already tell, before sharp sees the file: SVG is refused unread
 * (libvips would render it, and a drawing can carry script or fetch), HEIC gets its own sentence.
 */
export function sniffRefusal(head: Uint8Array): PhotoRefusal | null {
  if (head.length === 0) return 'empty';
  const text = Buffer.from(head.subarray(0, 512)).toString('latin1');
  // Markup of any kind (SVG, HTML, XML): a picture file never starts with '<'.
  if (/^(\uFEFF|\u00EF\u00BB\u00BF)?\s*</.test(text)) return 'svg';
  if (text.slice(4, 8) === 'ftyp') {
    const brands = text.slice(8, 64);
    if (!brands.includes('avif') && HEVC_BRANDS.some((brand) => brands.includes(brand))) return 'heic';
  }
  return null;
}
