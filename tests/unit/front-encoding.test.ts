import { describe, expect, it } from 'vitest';
import zlib from 'node:zlib';
import { compress, compressAll, PAGE_LEVELS } from '../../scripts/lib/front-encoding.ts';

/** A page's worth of repeated markup, as cards are. */
const page = Buffer.from(
  Array.from(
    { length: 300 },
    (_, i) => `<article class="souvenir-card" data-id="s${i}"><h2>Concert ${i}</h2></article>`,
  ).join(''),
);

describe('compressing pages and static files', () => {
  it('makes copies that decode to the page, at the page levels or the static files’ own', async () => {
    const gz = await compress(page, 'gzip');
    const br = await compress(page, 'br');
    expect(zlib.gunzipSync(gz).equals(page)).toBe(true);
    expect(zlib.brotliDecompressSync(br).equals(page)).toBe(true);
    expect(PAGE_LEVELS).toEqual({ brotliQuality: 5, gzipLevel: 1 });
    const all = await compressAll(page);
    expect(all.identity).toBe(page);
    expect(zlib.gunzipSync(all.gzip).equals(page)).toBe(true);
    expect(zlib.brotliDecompressSync(all.br).equals(page)).toBe(true);
    expect(gz.length).toBeLessThan(page.length / 4);
  });
});
