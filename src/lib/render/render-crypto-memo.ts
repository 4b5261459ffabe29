/**
 * Astro hashes and encrypts the same strings on every render (issue 19: about 1 ms of a 12 ms cold
 * render, measured with `npm run bench:cold -- --profile`): the CSP hash of each inlined stylesheet
 * and of its island loader, and, for each server island, its export name and props (`{"locale":
 * "fr"}`) under the build's key. These wrappers, put around Astro's `generateCspDigest` and
 * `encryptString` at build time (astro-crypto-memo-plugin.ts), answer a string asked again from
 * memory. A hash is a pure function of its input. An encryption returns the ciphertext already made
 * for the same key, plaintext and associated data: AES-GCM then never uses one IV for two
 * different plaintexts, which is what it requires; an observer learns only that two islands carry
 * the same props, which a cached page shows everyone anyway, and the island's address is the same
 * from one render to the next (so its answer can be cached under one key).
 */
import { createHash } from 'node:crypto';

/**
 * Entries kept per memo. What every render asks is asked again before 256 other strings come, so
 * it stays; what one render alone asks (an island's loader, with its random id) is stored too, and
 * is the first forgotten.
 */
export const MEMO_ENTRIES = 256;

/** Longer strings are hashed or encrypted each time, not kept: the memo stays a few MB at most. */
export const MEMO_MAX_CHARS = 16_384;

/** A map of at most `max` entries that forgets the least recently used first. */
export class RecentMap<V> {
  readonly #max: number;
  readonly #entries = new Map<string, V>();
  constructor(max: number) {
    this.#max = max;
  }
  get size(): number {
    return this.#entries.size;
  }
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value !== undefined) {
      this.#entries.delete(key);
      this.#entries.set(key, value);
    }
    return value;
  }
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

function remember<V>(memo: RecentMap<Promise<V>>, key: string, make: () => Promise<V>): Promise<V> {
  if (key.length > MEMO_MAX_CHARS) return make();
  const known = memo.get(key);
  if (known) return known;
  const made = make();
  memo.set(key, made);
  // A failure is not an answer: the next render tries again.
  made.catch(() => memo.delete(key));
  return made;
}

/** Astro's `generateCspDigest(data, algorithm)`, answering a string it hashed before from memory. */
export function memoizeDigest(
  digest: (data: string, algorithm: string) => Promise<string>,
): (data: string, algorithm: string) => Promise<string> {
  const byAlgorithm = new Map<string, RecentMap<Promise<string>>>();
  return (data, algorithm) => {
    let memo = byAlgorithm.get(algorithm);
    if (!memo) byAlgorithm.set(algorithm, (memo = new RecentMap(MEMO_ENTRIES)));
    return remember(memo, String(data), () => digest(data, algorithm));
  };
}

/** Astro's CSP algorithms (astro/dist/core/csp/config.js): node:crypto's name and the source's prefix. */
const IN_THREAD: Record<string, { hash: string; prefix: string }> = {
  'SHA-256': { hash: 'sha256', prefix: 'sha256-' },
  'SHA-384': { hash: 'sha384', prefix: 'sha384-' },
  'SHA-512': { hash: 'sha512', prefix: 'sha512-' },
};

/**
 * Astro's `generateCspDigest` computed by node:crypto on the calling thread, the same bytes: WebCrypto
 * hands every digest to libuv's thread pool, and what is left to hash on each render (an island's
 * loader, unique per render by its random id) is a few hundred bytes, less work than the hand-off.
 */
export function digestInThread(
  digest: (data: string, algorithm: string) => Promise<string>,
): (data: string, algorithm: string) => Promise<string> {
  return (data, algorithm) => {
    const known = IN_THREAD[algorithm];
    if (!known) return digest(data, algorithm);
    // String(): Astro hashes some markup as an HTMLString, a String object TextEncoder takes and createHash refuses.
    return Promise.resolve(known.prefix + createHash(known.hash).update(String(data), 'utf8').digest('base64'));
  };
}

/** Astro's `encryptString(key, raw, additionalData)`, answering what it encrypted before under the same key from memory. */
export function memoizeEncryption<K extends object>(
  encrypt: (key: K, raw: string, additionalData?: string) => Promise<string>,
): (key: K, raw: string, additionalData?: string) => Promise<string> {
  const byKey = new WeakMap<K, RecentMap<Promise<string>>>();
  return (key, raw, additionalData) => {
    let memo = byKey.get(key);
    if (!memo) byKey.set(key, (memo = new RecentMap(MEMO_ENTRIES)));
    // The associated data never holds a NUL (Astro writes `props:<island name>`), so the pair is unambiguous.
    return remember(memo, `${additionalData ?? ''}\u0000${raw}`, () => encrypt(key, raw, additionalData));
  };
}
