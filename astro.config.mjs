// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';
import { astroCryptoMemo } from './src/lib/render/astro-crypto-memo-plugin.ts';

export default defineConfig({
  output: 'server',
  adapter: node({
    // Mounted under our own node:http server (scripts/start.ts), which serves dist/client itself.
    mode: 'middleware',
    // Our largest form is a 10 000-character souvenir; anything far beyond is hostile.
    bodySizeLimit: 256 * 1024,
    // Each page rendered to one string, then sent (or stored by the render cache) whole. Streamed,
    // it went out as many small chunks, each encoded, queued and read back by the cache's
    // middleware: a deep wall page cost 13.3 ms of CPU streamed and 11.3 ms whole (npm run
    // bench:cold -- --caches, two alternating pairs). A page waits on nothing once its queries
    // are done, so streaming sent no byte much sooner.
    experimentalDisableStreaming: true,
  }),
  // Sessions are Lucia's, in our database; Astro's filesystem sessions stay off.
  session: false,
  security: {
    checkOrigin: true,
    // Scripts and styles are allowed by hash only (no 'unsafe-inline'); frame-ancestors is sent
    // by the middleware, since a <meta> CSP ignores it. `blob:` images are the sharing form's
    // previews of the photos chosen (photo-preview.ts): only this origin's scripts can make them.
    csp: {
      directives: [
        "default-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-src 'none'",
        "worker-src 'none'",
        "manifest-src 'self'",
      ],
    },
  },
  i18n: {
    locales: ['fr', 'en'],
    defaultLocale: 'fr',
    routing: { prefixDefaultLocale: false },
  },
  env: {
    schema: {
      DATABASE_URL: envField.string({ context: 'server', access: 'secret', optional: true }),
      DATA_DIR: envField.string({ context: 'server', access: 'secret', optional: true }),
      PUBLIC_ORIGIN: envField.string({ context: 'server', access: 'public', optional: true }),
      IP_HASH_SECRET: envField.string({ context: 'server', access: 'secret', optional: true }),
    },
  },
  server: { port: 4321 },
  // Hashes and island encryptions Astro would redo on every render, made once (issue 19).
  vite: { plugins: [astroCryptoMemo()] },
  devToolbar: { enabled: false },
  // No page is written in Markdown: Shiki's highlighter (inline styles, refused by our CSP) is off,
  // and with it the warning every build printed.
  markdown: { syntaxHighlight: false },
});
