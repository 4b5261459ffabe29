import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { listen } from '../../scripts/lib/http-server.ts';
import type { RunningServer } from '../../scripts/lib/http-server.ts';
import { rawPost } from '../helpers/raw-post.ts';
import { FORM_BODY_LIMIT, isBrokenJson, readBodyWithin } from '../../scripts/lib/request-body.ts';

function fakeRequest(chunks: Buffer[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks), { headers, method: 'POST', url: '/' }) as unknown as IncomingMessage;
}

describe('readBodyWithin', () => {
  it('reads a body within the limit whole', async () => {
    const reading = await readBodyWithin(fakeRequest([Buffer.from('a=1'), Buffer.from('&b=2')]), 10);
    expect(reading).toEqual({ kind: 'read', body: Buffer.from('a=1&b=2') });
  });

  it('refuses a declared length over the limit without reading the body', async () => {
    let pulled = false;
    const stream = new Readable({ read: () => ((pulled = true), stream.push(null)) });
    const req = Object.assign(stream, { headers: { 'content-length': '11' } }) as unknown as IncomingMessage;
    expect(await readBodyWithin(req, 10)).toEqual({ kind: 'too_large', limit: 10 });
    expect(pulled).toBe(false);
  });

  it('stops a chunked body as soon as it passes the limit', async () => {
    const reading = await readBodyWithin(fakeRequest([Buffer.alloc(6), Buffer.alloc(6), Buffer.alloc(6)]), 10);
    expect(reading).toEqual({ kind: 'too_large', limit: 10 });
  });
});

describe('isBrokenJson', () => {
  const json = { headers: { 'content-type': 'application/json; charset=utf-8' } } as unknown as IncomingMessage;
  it('flags a JSON body that does not parse, and nothing else', () => {
    expect(isBrokenJson(json, Buffer.from('{"a":'))).toBe(true);
    expect(isBrokenJson(json, Buffer.from('{"a":1}'))).toBe(false);
    expect(isBrokenJson(json, Buffer.alloc(0))).toBe(false);
    const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' } } as unknown as IncomingMessage;
    expect(isBrokenJson(form, Buffer.from('{"a":'))).toBe(false);
  });
});

describe('the front server and request bodies', () => {
  let running: RunningServer;
  let origin: string;
  const received: number[] = [];

  beforeAll(async () => {
    running = await listen(
      (req, res) => {
        received.push((req as IncomingMessage & { body?: Buffer }).body?.length ?? -1);
        res.end('handled');
      },
      '127.0.0.1',
      0,
    );
    origin = `http://127.0.0.1:${(running.server.address() as { port: number }).port}`;
  });
  afterAll(() => running.stop(100));

  const form = { 'content-type': 'application/x-www-form-urlencoded' };

  it('hands a body within the limit to the handler already read', async () => {
    const res = await rawPost(`${origin}/partager?_action=share`, Buffer.alloc(200 * 1024, 'a'), form);
    expect(res.status).toBe(200);
    expect(received.at(-1)).toBe(200 * 1024);
  });

  it.each([
    ['declared', false],
    ['chunked', true],
  ])(
    'answers 413 in French to a %s body between the two old limits, saying nothing was saved',
    async (_how, chunked) => {
      const res = await rawPost(
        `${origin}/partager?_action=share`,
        Buffer.alloc(FORM_BODY_LIMIT + 100_000, 'a'),
        form,
        chunked,
      );
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.text).toContain('<html lang="fr">');
      expect(res.text).toContain('rien n’a été enregistré');
      expect(res.text).not.toContain('conservé ci-dessous');
    },
  );

  it('answers 413 in English on the English pages, and in JSON to an Action called by script', async () => {
    const english = await rawPost(`${origin}/en/partager?_action=share`, Buffer.alloc(2 * 1024 * 1024, 'a'), form);
    expect(english.status).toBe(413);
    expect(english.text).toContain('nothing was saved');
    const action = await rawPost(`${origin}/_actions/share`, Buffer.alloc(FORM_BODY_LIMIT + 1, 'a'), {
      'content-type': 'application/json',
    });
    expect(action.status).toBe(413);
    expect(JSON.parse(action.text).code).toBe('CONTENT_TOO_LARGE');
  });

  it('lets a client that is still sending a large body read the 413 (no broken pipe), every time', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await fetch(`${origin}/partager?_action=share`, {
        method: 'POST',
        headers: form,
        body: Buffer.alloc(5 * 1024 * 1024, 'x'),
      });
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('rien n’a été enregistré');
    }
  });

  it('answers 400 to broken JSON before any handler runs', async () => {
    const before = received.length;
    const res = await rawPost(`${origin}/_actions/share`, Buffer.from('{"name": "a",'), {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text).code).toBe('BAD_REQUEST');
    expect(received.length).toBe(before);
  });
});
