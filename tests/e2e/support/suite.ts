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
 * many times here), then `prepare` (souvenirs shared, accounts made), then Chromium; both closed
 * after its last test. Tests read `suite.server` and `suite.browser`, set once `beforeAll` has run.
 */
export function serverAndBrowser(prepare: (server: E2eServer) => Promise<void>, timeout = 120_000): Suite {
  const suite = {} as Suite;
  beforeAll(async () => {
    suite.server = await launchServer({ LIFT_RATE_LIMITS: '1' });
    await prepare(suite.server);
    suite.browser = await launchBrowser();
  }, timeout);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.dispose();
  });
  return suite;
}
