import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, it, expect } from 'vitest';
import {
  MEMO_ENTRIES,
  MEMO_MAX_CHARS,
  RecentMap,
  digestInThread,
  memoizeDigest,
  memoizeEncryption,
} from '../../src/lib/render/render-crypto-memo.ts';
import { memoizeAstroCrypto } from '../../src/lib/render/astro-crypto-memo-plugin.ts';

const subtle = globalThis.crypto.subtle;
const encoder = new TextEncoder();

/** Astro's own two functions (astro/dist/core/encryption.js), for what the memos must answer. */
async function digest(data: string, algorithm: string): Promise<string> {
  const hash = await subtle.digest(algorithm, encoder.encode(data));
  return `sha256-${Buffer.from(hash).toString('base64')}`;
}
async function encrypt(key: CryptoKey, raw: string, additionalData?: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const params: AesGcmParams = { name: 'AES-GCM', iv };
  if (additionalData) params.additionalData = encoder.encode(additionalData);
  const sealed = await subtle.encrypt(params, key, encoder.encode(raw));
  return Buffer.from(iv).toString('hex').toUpperCase() + Buffer.from(sealed).toString('base64');
}
async function decrypt(key: CryptoKey, sealed: string, additionalData: string): Promise<string> {
  const iv = Buffer.from(sealed.slice(0, 24), 'hex');
  const data = Buffer.from(sealed.slice(24), 'base64');
  const opened = await subtle.decrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(additionalData) },
    key,
    data,
  );
  return new TextDecoder().decode(opened);
}
const newKey = () => subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);

describe('the memo of the CSP hashes Astro makes on every render', () => {
  it('answers a string hashed before from memory, with the hash Astro would make', async () => {
    let made = 0;
    const memo = memoizeDigest((data, algorithm) => (made++, digest(data, algorithm)));
    const style = 'body{color:#111}'.repeat(400);
    expect(await memo(style, 'SHA-256')).toBe(await digest(style, 'SHA-256'));
    expect(await memo(style, 'SHA-256')).toBe(await digest(style, 'SHA-256'));
    expect(made).toBe(1);
    expect(await memo('autre', 'SHA-256')).toBe(await digest('autre', 'SHA-256'));
    expect(made).toBe(2);
  });

  it('tries again after a failure instead of keeping it', async () => {
    let calls = 0;
    const memo = memoizeDigest(async () => {
      if (++calls === 1) throw new Error('busy');
      return 'sha256-x';
    });
    await expect(memo('a', 'SHA-256')).rejects.toThrow('busy');
    await expect(memo('a', 'SHA-256')).resolves.toBe('sha256-x');
  });
});

describe('the CSP hash made on the calling thread', () => {
  it('is the hash Astro’s own generateCspDigest makes, for every algorithm, any text', async () => {
    const astro = (await import(
      pathToFileURL(path.resolve(import.meta.dirname, '../../node_modules/astro/dist/core/encryption.js')).href
    )) as { generateCspDigest: (data: string, algorithm: string) => Promise<string> };
    const inThread = digestInThread(() => Promise.reject(new Error('not asked')));
    const texts = [
      '',
      'body{color:#111}',
      'l’été « » \u202F 🕯️ \u{1F600}',
      'lone \uD800 surrogate',
      'x'.repeat(70_000),
    ];
    for (const algorithm of ['SHA-256', 'SHA-384', 'SHA-512']) {
      for (const text of texts)
        expect(await inThread(text, algorithm)).toBe(await astro.generateCspDigest(text, algorithm));
    }
  });

  it('hashes markup Astro hands over as a String object (its HTMLString) as Astro does', async () => {
    const inThread = digestInThread(() => Promise.reject(new Error('not asked')));
    const markup = new String('async function replaceServerIsland(id, r) {}') as unknown as string;
    expect(await inThread(markup, 'SHA-256')).toBe(await digest(String(markup), 'SHA-256'));
    const memo = memoizeDigest(inThread);
    expect(await memo(markup, 'SHA-256')).toBe(await memo(String(markup), 'SHA-256'));
  });

  it('leaves an algorithm it does not know to Astro', async () => {
    const inThread = digestInThread(async (data, algorithm) => `${algorithm}:${data}`);
    await expect(inThread('a', 'SHA-1')).resolves.toBe('SHA-1:a');
  });
});

describe('the memo of the server islands’ encryptions', () => {
  it('gives the same ciphertext for the same key, props and island, which opens to the props', async () => {
    const key = await newKey();
    const memo = memoizeEncryption(encrypt);
    const props = JSON.stringify({ locale: 'fr' });
    const first = await memo(key, props, 'props:ModeratorBarIsland');
    expect(await memo(key, props, 'props:ModeratorBarIsland')).toBe(first);
    await expect(decrypt(key, first, 'props:ModeratorBarIsland')).resolves.toBe(props);
  });

  it('never uses one IV for two different plaintexts, islands or keys', async () => {
    const key = await newKey();
    const memo = memoizeEncryption(encrypt);
    const sealed = [
      await memo(key, '{"locale":"fr"}', 'props:A'),
      await memo(key, '{"locale":"en"}', 'props:A'),
      await memo(key, '{"locale":"fr"}', 'props:B'),
      await memo(key, '{"locale":"fr"}'),
      await memo(await newKey(), '{"locale":"fr"}', 'props:A'),
    ];
    expect(new Set(sealed.map((s) => s.slice(0, 24))).size).toBe(sealed.length);
  });
});

describe('the bounded map behind both memos', () => {
  it('forgets the least recently used entry first, so what every page asks stays', () => {
    const map = new RecentMap<number>(3);
    map.set('style', 1);
    map.set('a', 2);
    map.set('b', 3);
    expect(map.get('style')).toBe(1);
    map.set('c', 4);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('style')).toBe(1);
    expect(map.size).toBe(3);
  });

  it('keeps no string longer than MEMO_MAX_CHARS, which it hashes each time', async () => {
    let made = 0;
    const memo = memoizeDigest((data, algorithm) => (made++, digest(data, algorithm)));
    const long = 'x'.repeat(MEMO_MAX_CHARS + 1);
    expect(await memo(long, 'SHA-256')).toBe(await digest(long, 'SHA-256'));
    expect(await memo(long, 'SHA-256')).toBe(await digest(long, 'SHA-256'));
    expect(made).toBe(2);
  });

  it('holds at most MEMO_ENTRIES hashes however many distinct strings pass', async () => {
    const seen: string[] = [];
    const memo = memoizeDigest(async (data) => (seen.push(data), data));
    await memo('style', 'SHA-256');
    for (let i = 0; i < MEMO_ENTRIES * 3; i++) {
      await memo(`island ${i}`, 'SHA-256');
      await memo('style', 'SHA-256');
    }
    expect(seen.filter((data) => data === 'style')).toHaveLength(1);
  });
});

describe('the build step that puts the memos around Astro’s functions', () => {
  const source = fs.readFileSync(
    path.resolve(import.meta.dirname, '../../node_modules/astro/dist/core/encryption.js'),
    'utf8',
  );

  it('wraps generateCspDigest and encryptString of the installed Astro, keeping their exported names', () => {
    const out = memoizeAstroCrypto(source, '/memo.ts');
    expect(out).toContain('async function encryptStringUnmemoized(');
    expect(out).toContain('async function generateCspDigestUnmemoized(');
    expect(out).toContain('const encryptString = __memoizeEncryption(encryptStringUnmemoized);');
    expect(out).toContain('const generateCspDigest = __memoizeDigest(__digestInThread(generateCspDigestUnmemoized));');
    expect(out).toContain('from "/memo.ts"');
    expect(out).toMatch(/export \{[^}]*\bencryptString\b[^}]*\bgenerateCspDigest\b/s);
  });

  it('fails the build when Astro no longer declares them as it did', () => {
    expect(() => memoizeAstroCrypto(source.replace('async function generateCspDigest(', 'function digest('))).toThrow(
      /generateCspDigest/,
    );
  });
});
