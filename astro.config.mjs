// @ts-check
import { defineConfig, envField } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  adapter: node({
    mode: 'standalone',
    // Our largest form is a 10 000-character souvenir; anything far beyond is hostile.
    bodySizeLimit: 256 * 1024,
  }),
  // Sessions are Lucia's, in our database; Astro's filesystem sessions stay off.
  session: false,
  security: {
    checkOrigin: true,
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
  devToolbar: { enabled: false },
});
