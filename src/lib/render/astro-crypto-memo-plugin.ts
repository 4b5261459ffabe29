import path from 'node:path';
import type { Plugin } from 'vite';

/** Astro's module that hashes (CSP) and encrypts (server islands), as it is bundled into the server. */
const ENCRYPTION_MODULE = /[\\/]node_modules[\\/]astro[\\/]dist[\\/]core[\\/]encryption\.js$/;
const MEMO_MODULE = path.resolve(import.meta.dirname, 'render-crypto-memo.ts');
const WRAPPED = ['encryptString', 'generateCspDigest'] as const;

/**
 * Astro's encryption module with `generateCspDigest` and `encryptString` wrapped by the memos of
 * render-crypto-memo.ts, the digest made on the calling thread (why: see there). Throws when the module no longer declares them as it
 * did in Astro 7.3, so that an upgrade fails the build instead of silently losing the memo.
 */
export function memoizeAstroCrypto(code: string, memoModule: string = MEMO_MODULE): string {
  let out = code;
  for (const name of WRAPPED) {
    const declaration = `async function ${name}(`;
    if (out.split(declaration).length !== 2) {
      throw new Error(`astro-crypto-memo: astro/dist/core/encryption.js no longer declares ${name} once`);
    }
    out = out.replace(declaration, `async function ${name}Unmemoized(`);
  }
  return `${out}
import { digestInThread as __digestInThread, memoizeDigest as __memoizeDigest, memoizeEncryption as __memoizeEncryption } from ${JSON.stringify(memoModule)};
const encryptString = __memoizeEncryption(encryptStringUnmemoized);
const generateCspDigest = __memoizeDigest(__digestInThread(generateCspDigestUnmemoized));
`;
}

/** The Vite plugin that applies `memoizeAstroCrypto` wherever Astro's encryption module is bundled or loaded. */
export function astroCryptoMemo(): Plugin {
  let wrapped = false;
  return {
    name: 'mur:astro-crypto-memo',
    enforce: 'pre',
    transform(code, id) {
      if (!ENCRYPTION_MODULE.test(id.split('?')[0]!)) return null;
      wrapped = true;
      return { code: memoizeAstroCrypto(code), map: null };
    },
    buildEnd(error) {
      // An Astro that moved or renamed the module would otherwise build without the memo, silently.
      if (!error && this.environment?.name === 'ssr' && !wrapped) {
        this.error('astro-crypto-memo: the server build never loaded astro/dist/core/encryption.js');
      }
    },
  };
}
