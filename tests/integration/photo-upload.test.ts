import { it, expect, beforeEach, afterEach } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import exifr from 'exifr';
import { describeEachDatabase } from '../helpers/databases.ts';
import { phoneJpeg, picture } from '../helpers/photo-fixtures.ts';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { photoCache, photoFiles } from '../../scripts/lib/photo-files.ts';
import { MAX_UPLOADS_AT_ONCE, PHOTO_FORM_LIMIT, readPhotoForm, takesPhotos } from '../../scripts/lib/photo-upload.ts';
import { setRuntime } from '../../src/lib/runtime.ts';
import type { Runtime } from '../../src/lib/runtime.ts';
import { stagedPhotos } from '../../src/lib/photos/staging.ts';

describeEachDatabase('the share form with photos, through the front server', (t) => {
  let running: RunningServer;
  let origin: string;
  /** What "Astro" received: the body and its type. */
  let handed: { type: string | undefined; body: string } | null;

  beforeEach(async () => {
    setRuntime({ handle: t.handle } as Runtime);
    handed = null;
    const astro = (req: http.IncomingMessage, res: http.ServerResponse) => {
      const body = (req as http.IncomingMessage & { body?: Buffer }).body;
      handed = { type: req.headers['content-type'], body: body?.toString() ?? '' };
      res.end('astro');
    };
    running = await listen(photoFiles(astro, { followWall: false, cache: photoCache() }), '127.0.0.1', 0);
    origin = `http://127.0.0.1:${(running.server.address() as AddressInfo).port}`;
  });
  afterEach(() => running.stop(100));

  function form(files: Record<string, Blob | [Blob, string]>, fields: Record<string, string> = {}) {
    const data = new FormData();
    data.set('name', 'Camille');
    data.set('body', 'La salle chantait.');
    for (const [name, value] of Object.entries(fields)) data.set(name, value);
    for (const [name, file] of Object.entries(files)) {
      if (Array.isArray(file)) data.set(name, file[0], file[1]);
      else data.set(name, file, 'photo.jpg');
    }
    return data;
  }

  const post = (data: FormData, path = '/partager?_action=share', from = origin) =>
    fetch(`${origin}${path}`, { method: 'POST', body: data, headers: { origin: from } });

  it('stages each photo, says what became of each file, and hands Astro the text fields alone', async () => {
    const data = form(
      {
        photo1: new Blob([new Uint8Array(await phoneJpeg())]),
        photo2: [new Blob(['<svg xmlns="http://www.w3.org/2000/svg"/>']), 'drawing.svg'],
        photo3: [new Blob([]), ''],
        photo4: [new Blob([]), 'empty.jpg'],
      },
      { photoAlt1: 'La scène', photoKept3: 'on', photoRefused1: 'svg' },
    );
    expect(await (await post(data)).text()).toBe('astro');
    expect(handed!.type).toBe('application/x-www-form-urlencoded');
    const fields = new URLSearchParams(handed!.body);
    expect(fields.get('name')).toBe('Camille');
    expect(fields.get('photoAlt1')).toBe('La scène');
    // The client's own photoKept/photoRefused are never believed.
    expect(fields.get('photoKept1')).toBe('on');
    expect(fields.get('photoKept3')).toBeNull();
    expect(fields.get('photoRefused1')).toBeNull();
    expect(fields.get('photoRefused2')).toBe('svg');
    expect(fields.get('photoRefused4')).toBe('empty');
    const token = fields.get('photoUpload')!;
    expect((await stagedPhotos(t.db, token)).map((p) => p.position)).toEqual([1]);
  });

  it('keeps earlier photos when the form comes back, and adds the new ones', async () => {
    await post(form({ photo1: new Blob([new Uint8Array(await picture('png'))]) }));
    const token = new URLSearchParams(handed!.body).get('photoUpload')!;
    await post(form({ photo2: new Blob([new Uint8Array(await picture('gif'))]) }, { photoUpload: token }));
    const fields = new URLSearchParams(handed!.body);
    expect(fields.get('photoUpload')).toBe(token);
    expect([fields.get('photoKept1'), fields.get('photoKept2')]).toEqual(['on', 'on']);
  });

  it('serves a variant with a year-long immutable cache, nosniff and its own type; no metadata survives', async () => {
    await post(form({ photo1: new Blob([new Uint8Array(await phoneJpeg())]) }));
    const [staged] = await stagedPhotos(t.db, new URLSearchParams(handed!.body).get('photoUpload')!);
    const answer = await fetch(`${origin}/photos/${staged!.thumbnail}`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('image/jpeg');
    expect(answer.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = Buffer.from(await answer.arrayBuffer());
    expect(await exifr.parse(bytes, true)).toBeUndefined();
    expect(bytes.toString('latin1')).not.toContain('SN-998877');
    const again = await fetch(`${origin}/photos/${staged!.thumbnail}`, {
      headers: { 'if-none-match': answer.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
    expect((await fetch(`${origin}/photos/${'a'.repeat(64)}.jpg`)).status).toBe(404);
    expect((await fetch(`${origin}/photos/${staged!.thumbnail.replace('.jpg', '.webp')}`)).status).toBe(404);
  });

  it('refuses a body over the photo form limit by its Content-Length, before reading a byte', async () => {
    const req = {
      method: 'POST',
      url: '/partager?_action=share',
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(PHOTO_FORM_LIMIT + 1) },
      pipe: () => {
        throw new Error('read');
      },
    } as unknown as http.IncomingMessage;
    expect(await readPhotoForm(req)).toEqual({ kind: 'too_large', limit: PHOTO_FORM_LIMIT });
  });

  it('takes one photo at a time on the author’s private page, through the same pipeline', async () => {
    const page = `/en/mes-souvenirs/${'a'.repeat(32)}?_action=photos.authorAdd`;
    const data = form(
      {
        photo2: new Blob([new Uint8Array(await picture('png'))]),
        photo3: new Blob([new Uint8Array(await picture('gif'))]),
      },
      { photoSlot: '2', photoAlt2: 'La salle' },
    );
    expect(await (await post(data, page)).text()).toBe('astro');
    const fields = new URLSearchParams(handed!.body);
    expect([fields.get('photoKept2'), fields.get('photoRefused3')]).toEqual(['on', 'tooMany']);
    expect((await stagedPhotos(t.db, fields.get('photoUpload')!)).map((p) => p.position)).toEqual([2]);
    const tooLarge = {
      method: 'POST',
      url: page,
      headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(PHOTO_FORM_LIMIT + 1) },
    } as unknown as http.IncomingMessage;
    // The share form's room: a file too big is read and refused beside its input, not by a bare 413.
    expect(await readPhotoForm(tooLarge)).toEqual({ kind: 'too_large', limit: PHOTO_FORM_LIMIT });
  });

  it('answers a broken multipart body with a 400 in the visitor’s language, not a 500', async () => {
    const answer = await fetch(`${origin}/en/partager?_action=share`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data', origin },
      body: 'not multipart at all',
    });
    expect(answer.status).toBe(400);
    expect(await answer.text()).toMatch(/arrived incomplete/);
  });

  it('leaves a cross-site upload unprocessed: the usual 256 KiB read, then Astro refuses it', async () => {
    const small = form({ photo1: new Blob([new Uint8Array(await picture('png', 64, 64))]) });
    await post(small, '/partager?_action=share', 'https://evil.example');
    expect(handed!.type).toMatch(/^multipart\/form-data/);
    expect(new URLSearchParams(handed!.body).get('photoUpload')).toBeNull();
    expect(await t.db.selectFrom('photo').select('id').execute()).toEqual([]);
  });

  it('lets a second host serve the photo the first received, and stop once its bytes are deleted', async () => {
    await post(form({ photo1: new Blob([new Uint8Array(await picture('webp'))]) }));
    const [staged] = await stagedPhotos(t.db, new URLSearchParams(handed!.body).get('photoUpload')!);
    const cache = photoCache();
    const other = await listen(
      photoFiles(() => {}, { followWall: false, cache }),
      '127.0.0.1',
      0,
    );
    try {
      const otherOrigin = `http://127.0.0.1:${(other.server.address() as AddressInfo).port}`;
      expect((await fetch(`${otherOrigin}/photos/${staged!.thumbnail}`)).status).toBe(200);
      await t.db.deleteFrom('photo').execute();
      // What a wall_changed notification does to each host's cache.
      cache.clear();
      expect((await fetch(`${otherOrigin}/photos/${staged!.thumbnail}`)).status).toBe(404);
    } finally {
      await other.stop(100);
    }
  });

  it('tells the upload past the limit of uploads at once to try again, in its language', async () => {
    const held = Array.from({ length: MAX_UPLOADS_AT_ONCE }, () => {
      const request = http.request(`${origin}/partager?_action=share`, {
        method: 'POST',
        headers: { origin, 'content-type': 'multipart/form-data; boundary=b', 'content-length': '100000' },
      });
      request.on('error', () => {});
      request.write('--b\r\ncontent-disposition: form-data; name="photo1"; filename="a.jpg"\r\n\r\n');
      return request;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const answer = await fetch(`${origin}/en/partager?_action=share`, {
      method: 'POST',
      headers: { origin },
      body: form({ photo1: new Blob([new Uint8Array(await picture('png', 32, 32))]) }),
    });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('10');
    expect(await answer.text()).toMatch(/Many photos are arriving/);
    for (const request of held) request.destroy();
  });

  it('takes the photos of a post from the public origin, behind a proxy that changes the Host', () => {
    const post = (origin: string | undefined, host = 'app-3.internal:4321') =>
      ({
        method: 'POST',
        url: '/en/partager?_action=share',
        headers: { 'content-type': 'multipart/form-data; boundary=x', host, ...(origin ? { origin } : {}) },
      }) as unknown as http.IncomingMessage;
    expect(takesPhotos(post('https://memoire.example'), 'https://memoire.example')).toBe(true);
    expect(takesPhotos(post('http://app-3.internal:4321'), undefined)).toBe(true);
    expect(takesPhotos(post('https://evil.example'), 'https://memoire.example')).toBe(false);
    expect(takesPhotos(post(undefined), 'https://memoire.example')).toBe(false);
  });
});
