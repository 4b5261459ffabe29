/** `npm run seed:demo`: adds the approved demonstration souvenirs (once). */
import { withRuntime } from './lib/with-runtime.ts';
import { seedDemoSouvenirs } from '../src/lib/souvenirs/seed-demo.ts';

await withRuntime(async ({ handle: { db } }) => {
  const added = await seedDemoSouvenirs(db);
  console.log(added ? `Added ${added} demo souvenirs (marked "Démo").` : 'The demo souvenirs are already there.');
});
