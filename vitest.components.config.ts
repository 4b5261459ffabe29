import { getViteConfig } from 'astro/config';

// Components compile through Astro's Vite plugins (withastro/astro's container-with-vitest example);
// the other tests run on plain Node and do not pay for them.
export default getViteConfig({
  test: {
    name: 'components',
    include: ['tests/components/**/*.test.ts'],
    testTimeout: 20_000,
    pool: 'forks',
  },
});
