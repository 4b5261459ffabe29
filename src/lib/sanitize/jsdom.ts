import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * jsdom, loaded the first time a text or a feed has to be parsed rather than when the server starts:
 * it was a quarter of a fresh server's resident memory (194 MB with it, 145 without: issue 19), and
 * pages, plain-text shares and the HTML we stored ourselves never need it (plain-text.ts reads those
 * without a DOM). Its callers are synchronous, hence `require` (jsdom is CommonJS; Node caches it).
 */
export function jsdom(): typeof import('jsdom') {
  return require('jsdom') as typeof import('jsdom');
}
