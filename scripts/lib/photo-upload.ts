/**
 * The forms with photos: the share form, a multipart body of up to four 15 MB files, and the
 * author's private page, which adds one photo to a pending souvenir. The front server's 256 KiB
 * in-memory read (request-body.ts) cannot take them and must not try to.
 *
 * Here the body is streamed (busboy): each file to a temporary file on disk, never whole in
 * memory, within MAX_PHOTO_BYTES; the text fields within the form limit. The files are then
 * re-encoded one by one in the photo queue (src/lib/photos/process.ts) and staged in the
 * database under the form's upload token, and the temporary files deleted. What Astro receives
 * is the form's text fields as an ordinary urlencoded body, plus what became of each file:
 * `photoUpload` (the token), `photoKept<n>` for a photo staged at position n, `photoRefused<n>`
 * with the refusal's code. The form's Action reads those like any other field.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import busboy from 'busboy';
import { discardRest, FORM_BODY_LIMIT } from './request-body.ts';
import type { BodyReading } from './request-body.ts';
import { MAX_PHOTO_BYTES, processPhoto } from '../../src/lib/photos/process.ts';
import { MAX_PHOTOS } from '../../src/lib/photos/positions.ts';
import type { ProcessedPhoto } from '../../src/lib/photos/process.ts';
import { PhotoError } from '../../src/lib/photos/refusals.ts';
import type { PhotoRefusal } from '../../src/lib/photos/refusals.ts';
import { stagedPhotos, stagePhotos } from '../../src/lib/photos/staging.ts';
import { getDb } from '../../src/lib/runtime.ts';
import { localeFromPath, t } from '../../src/lib/i18n/index.ts';
import { parsePublicOrigin } from '../../src/lib/security/public-origin.ts';

/**
 * The largest body read, for every form with photos: the share form's four full files and the
 * text fields, plus multipart's own lines. A form taking fewer files keeps this room, so that a
 * file over MAX_PHOTO_BYTES reaches the stream and is refused beside its input, with the texts
 * typed kept, rather than by a bare 413; the stream's own limits bound what is written to disk.
 */
export const PHOTO_FORM_LIMIT = MAX_PHOTOS * MAX_PHOTO_BYTES + FORM_BODY_LIMIT + 64 * 1024;

/** The pages whose form carries photos, in each language, and how many files each takes at once. */
const PHOTO_FORMS: ReadonlyArray<{ path: RegExp; files: number }> = [
  { path: /^\/(en\/)?partager\/?(\?|$)/, files: MAX_PHOTOS },
  // The author's private page adds one photo at a time to a pending souvenir.
  { path: /^\/(en\/)?mes-souvenirs\/[A-Za-z0-9_-]{32}\/?(\?|$)/, files: 1 },
];
/** How many files the form posted to `url` takes, or 0 for a form without photos. */
const filesTakenAt = (url: string) => PHOTO_FORMS.find((form) => form.path.test(url))?.files ?? 0;
/** File inputs are `photo1` … `photo4`. */
const FILE_FIELD = /^photo([1-4])$/;

/**
 * The browser sent it from this site (its Origin is the public origin, or names the Host it was
 * sent to): Astro's checkOrigin refuses a cross-site post, but only after the body is read, and
 * re-encoding photos for a request that will be refused is work an attacker's page could make
 * other people's browsers do.
 */
function fromThisSite(req: IncomingMessage, publicOrigin: string | undefined): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    return Boolean(req.headers.host) && new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** A multipart POST from this site to a form that takes photos (any other goes the usual way). */
export function takesPhotos(
  req: IncomingMessage,
  publicOrigin = parsePublicOrigin(process.env.PUBLIC_ORIGIN),
): boolean {
  return (
    req.method === 'POST' &&
    filesTakenAt(req.url ?? '/') > 0 &&
    /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '') &&
    fromThisSite(req, publicOrigin)
  );
}

/** A photo form answered before Astro: broken multipart (400), or too many uploads at once here (503). */
export type PhotoFormRefusal = { kind: 'refused'; status: 400 | 503; message: 'photo.brokenForm' | 'photo.busy' };
export type PhotoFormReading = BodyReading | PhotoFormRefusal;

/**
 * Uploads this process reads at once. Each may put 60 MB on the temporary disk before its turn in
 * the processing queue: past this many, a new one is told to try again in a moment instead.
 */
export const MAX_UPLOADS_AT_ONCE = 24;
let uploadsNow = 0;
/**
 * Uploads whose bodies are read at once; the others wait with their bytes in the kernel's socket
 * buffers, not in this process. Measured with 20 uploads of a 7.7 MB JPEG at once on the
 * embedded database (issue 16): reading all twenty together took the server's peak RSS from
 * 329 to 372 MB (socket chunks the malloc heap kept), and the pictures are re-encoded one at a
 * time anyway, so reading more at once only holds more bytes in memory. A wait lasts at most
 * READ_WAIT_MS: a slow sender holding a turn delays the others, never blocks them.
 */
const READ_AT_ONCE = 2;
const READ_WAIT_MS = 5_000;
let readingNow = 0;
const waitingToRead: Array<() => void> = [];

/** Waits for a turn to read a body (see READ_AT_ONCE); resolves with the turn's release. */
async function turnToRead(): Promise<() => void> {
  if (readingNow >= READ_AT_ONCE)
    await new Promise<void>((resolve) => {
      const go = () => {
        clearTimeout(timer);
        const index = waitingToRead.indexOf(go);
        if (index >= 0) waitingToRead.splice(index, 1);
        resolve();
      };
      const timer = setTimeout(go, READ_WAIT_MS);
      waitingToRead.push(go);
    });
  readingNow += 1;
  return () => {
    readingNow -= 1;
    waitingToRead[0]?.();
  };
}

interface Received {
  fields: URLSearchParams;
  files: Map<number, string>;
  refused: Map<number, PhotoRefusal>;
  tooLarge: boolean;
}

/** Streams the parts: fields kept, each of at most `maxFiles` files written to `dir` within its limit. */
function receive(req: IncomingMessage, dir: string, maxFiles: number): Promise<Received> {
  const received: Received = { fields: new URLSearchParams(), files: new Map(), refused: new Map(), tooLarge: false };
  let fieldBytes = 0;
  const writes: Promise<void>[] = [];
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { fileSize: MAX_PHOTO_BYTES, files: maxFiles * 2, fields: 64, fieldSize: FORM_BODY_LIMIT, parts: 80 },
      });
    } catch (error) {
      reject(error);
      return;
    }
    parser.on('field', (name, value, info) => {
      fieldBytes += name.length + value.length;
      if (info.valueTruncated || fieldBytes > FORM_BODY_LIMIT) received.tooLarge = true;
      // What the front server itself reports about files is never taken from the client.
      else if (!/^photo(Kept|Refused)[1-4]$/.test(name)) received.fields.append(name, value);
    });
    parser.on('file', (name, stream, info) => {
      const position = Number(FILE_FIELD.exec(name)?.[1]);
      // An input left empty still sends a part, nameless and empty: nothing was chosen.
      if (!position || !info.filename) return void stream.resume();
      if (received.files.has(position) || received.refused.has(position) || received.files.size >= maxFiles) {
        received.refused.set(position, 'tooMany');
        return void stream.resume();
      }
      const file = path.join(dir, String(position));
      received.files.set(position, file);
      stream.once('limit', () => received.refused.set(position, 'tooBig'));
      writes.push(pipeline(stream, fs.createWriteStream(file)));
    });
    parser.once('filesLimit', () => received.refused.set(0, 'tooMany'));
    parser.once('error', reject);
    parser.once('close', () => {
      Promise.all(writes).then(() => resolve(received), reject);
    });
    req.once('aborted', () => reject(new Error('upload aborted')));
    // A sender that went away while waiting for its turn to be read (turnToRead).
    if (req.destroyed || req.readableAborted) return reject(new Error('upload aborted'));
    req.pipe(parser);
  });
}

/** Re-encodes the received files one after another: each refusal is kept by position. */
async function processAll(received: Received): Promise<Array<{ position: number; photo: ProcessedPhoto }>> {
  const processed: Array<{ position: number; photo: ProcessedPhoto }> = [];
  for (const [position, file] of [...received.files].sort(([a], [b]) => a - b)) {
    if (received.refused.has(position)) continue;
    try {
      processed.push({ position, photo: await processPhoto(file) });
    } catch (error) {
      if (!(error instanceof PhotoError)) throw error;
      received.refused.set(position, error.code);
    }
  }
  return processed;
}

/**
 * Reads a form with photos within PHOTO_FORM_LIMIT (refused early by Content-Length), stages the photos it carries and answers the form's fields as a urlencoded
 * body for Astro.
 * `refused`: the multipart body could not be parsed, or too many uploads are under way (nothing
 * is staged either way).
 */
export async function readPhotoForm(req: IncomingMessage): Promise<PhotoFormReading> {
  const maxFiles = filesTakenAt(req.url ?? '/') || MAX_PHOTOS;
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > PHOTO_FORM_LIMIT) return { kind: 'too_large', limit: PHOTO_FORM_LIMIT };
  if (uploadsNow >= MAX_UPLOADS_AT_ONCE) return { kind: 'refused', status: 503, message: 'photo.busy' };
  uploadsNow += 1;
  try {
    return await readWithinTurn(req, maxFiles);
  } finally {
    uploadsNow -= 1;
  }
}

async function readWithinTurn(req: IncomingMessage, maxFiles: number): Promise<PhotoFormReading> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), `mur-upload-${crypto.randomBytes(4).toString('hex')}-`));
  try {
    let received: Received;
    try {
      const done = await turnToRead();
      try {
        received = await receive(req, dir, maxFiles);
      } finally {
        done();
      }
    } catch (error) {
      console.warn('[photos] unreadable multipart form:', (error as Error).message);
      return { kind: 'refused', status: 400, message: 'photo.brokenForm' };
    }
    if (received.tooLarge) return { kind: 'too_large', limit: PHOTO_FORM_LIMIT };
    const processed = await processAll(received);
    const fields = received.fields;
    const db = await getDb();
    let token = fields.get('photoUpload');
    if (processed.length > 0) token = await stagePhotos(db, token, processed);
    if (token) {
      fields.set('photoUpload', token);
      // Photos kept from an earlier try count as much as the ones just sent.
      for (const { position } of await stagedPhotos(db, token)) fields.set(`photoKept${position}`, 'on');
    }
    for (const [position, code] of received.refused) fields.set(`photoRefused${Math.max(position, 1)}`, code);
    const body = Buffer.from(fields.toString());
    req.headers['content-type'] = 'application/x-www-form-urlencoded';
    req.headers['content-length'] = String(body.length);
    return { kind: 'read', body };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

/** The refusal in the visitor's language; the rest of the body is read and dropped first (request-body.ts). */
export async function answerPhotoFormRefusal(
  req: IncomingMessage,
  res: ServerResponse,
  refusal: PhotoFormRefusal,
): Promise<void> {
  await discardRest(req);
  res.shouldKeepAlive = false;
  res.writeHead(refusal.status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'close',
    ...(refusal.status === 503 ? { 'retry-after': '10' } : {}),
  });
  res.end(t(localeFromPath(req.url ?? '/'), refusal.message));
}
