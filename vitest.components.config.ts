import { getViteConfig } from 'astro/config';

// Components and Actions compile through Astro's Vite plugins (withastro/astro's
// container-with-vitest example; `astro:actions` is one of its modules); the other tests run on
// plain Node and do not pay for them.
export default getViteConfig({
  test: {
    name: 'astro',
    include: ['tests/components/**/*.test.ts', 'tests/actions/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
    // As the node project (vitest.config.ts): Vitest runs projects without isolation together only
    // when they agree on the number of workers.
    maxWorkers: 2,
    // Astro's compiler and runtime loaded once per worker, not once per file (75 → 14 s here);
    // see vitest.config.ts.
    isolate: false,
    setupFiles: ['tests/helpers/file-isolation.ts'],
  },
});
