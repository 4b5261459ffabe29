import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchServer } from './server.ts';
import type { E2eServer } from './server.ts';
import { launchBrowser } from './browser.ts';

export interface Suite {
  server: E2eServer;
  browser: Browser;
}

/**
 * The server and the browser of one `describe`: a server without rate limits (one address shares
 * many times here), then `prepare` (accounts made, souvenirs shared), then Chromium; both closed
 * after its last test. `prepare` is called before the server starts, so scripts it runs first
 * (accounts, seeds) cost no restart on PGlite; it calls `server.start()` itself before anything it
 * sends over HTTP (the server is started after it otherwise). Tests read `suite.server` and
 * `suite.browser`, set once `beforeAll` has run.
 */
export function serverAndBrowser(prepare: (server: E2eServer) => Promise<void>, timeout = 120_000): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.server = await launchServer({ LIFT_RATE_LIMITS: '1' }, { start: false });
    await prepare(suite.server);
    if (!suite.server.running()) await suite.server.start();
    suite.browser = await launchBrowser();
  }, timeout);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.dispose();
  });
  return suite;
}
