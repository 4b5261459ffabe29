/**
 * The photo rows of `npm run bench` (issue 16): uploads of a 4000 × 3000 JPEG through the real
 * share form, one at a time (how long a person waits), then 20 at once while the server's
 * resident memory is sampled; and a variant stored beforehand, for the serving row.
 */
import sharp from 'sharp';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.ts';
import { processPhoto } from '../../src/lib/photos/process.ts';
import { attachStagedPhotos, stagePhotos } from '../../src/lib/photos/staging.ts';
import { variantPath } from '../../src/lib/photos/shown.ts';

export interface PhotoBench {
  /** One upload at a time: milliseconds from sending to the 303. */
  single: { uploads: number; p50Ms: number; maxMs: number };
  /** Uploads sent at once, how long until the last answered, and the server's highest RSS meanwhile. */
  concurrent: { uploads: number; seconds: number; answered303: number; peakRssMb: number };
  /** The server's resident memory once it has shown the share form, before any upload. */
  beforeUploadsRssMb: number;
}

/** A camera-sized photo: noise, so neither the decoder nor the encoders get an easy picture. */
export function cameraJpeg(): Promise<Buffer> {
  return sharp({
    create: {
      width: 4000,
      height: 3000,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** Attaches one processed photo to the souvenir and returns the address of its 960 px WebP. */
export async function storeBenchPhoto(db: Kysely<Database>, souvenirPublicId: string, jpeg: Buffer): Promise<string> {
  const { id } = await db
    .selectFrom('souvenir')
    .select('id')
    .where('public_id', '=', souvenirPublicId)
    .executeTakeFirstOrThrow();
  const photo = await processPhoto(jpeg);
  const token = await stagePhotos(db, null, [{ position: 1, photo }]);
  await attachStagedPhotos(db, token, id, [{ position: 1, altText: 'La scène', contentNote: null }]);
  const variant = photo.variants.find((v) => v.format === 'webp' && v.width === 960)!;
  return variantPath(variant.hash, 'webp');
}

let sent = 0;
async function upload(origin: string, jpeg: Buffer): Promise<{ status: number; ms: number }> {
  sent += 1;
  const form = new FormData();
  form.set('name', 'Banc photo');
  form.set('email', `photo-${process.pid}-${sent}@example.invalid`);
  form.set('body', `La salle depuis le balcon, essai ${process.pid}-${sent}.`);
  form.set('consent', 'on');
  form.set('photo1', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'scene.jpg');
  form.set('photoAlt1', 'La scène depuis le balcon');
  const started = performance.now();
  const answer = await fetch(`${origin}/partager?_action=share`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { origin },
  });
  await answer.arrayBuffer();
  return { status: answer.status, ms: performance.now() - started };
}

/**
 * Run on a server of its own, started for it: what is measured is what uploads cost, not what the
 * rows before them (crawls that fill the render caches) left in memory.
 */
export async function benchPhotoUploads(origin: string, rssMb: () => number, jpeg: Buffer): Promise<PhotoBench> {
  const form = await fetch(`${origin}/partager`);
  if (form.status !== 200) throw new Error(`the share form answered ${form.status}`);
  await form.arrayBuffer();
  const beforeUploadsRssMb = rssMb();
  const times: number[] = [];
  for (let i = 0; i < 6; i++) {
    const { status, ms } = await upload(origin, jpeg);
    if (status !== 303) throw new Error(`a photo upload answered ${status}`);
    if (i > 0) times.push(ms); // the first one loads sharp and warms the JIT
  }
  times.sort((a, b) => a - b);

  let peak = rssMb();
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  const started = performance.now();
  const answers = await Promise.all(Array.from({ length: 20 }, () => upload(origin, jpeg)));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peak = Math.max(peak, rssMb());
  return {
    single: {
      uploads: times.length,
      p50Ms: Math.round(times[Math.floor(times.length / 2)]!),
      maxMs: Math.round(times.at(-1)!),
    },
    concurrent: {
      uploads: answers.length,
      seconds: Math.round(seconds * 10) / 10,
      answered303: answers.filter((a) => a.status === 303).length,
      peakRssMb: peak,
    },
    beforeUploadsRssMb,
  };
}
