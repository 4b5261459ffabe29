import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** True when Debian's Chromium is installed; says loudly what to install when it is not. */
export function chromiumAvailable(): boolean {
  if (fs.existsSync(CHROMIUM)) return true;
  const message =
    `\n*** End-to-end tests need Chromium at ${CHROMIUM}: apt-get install -y chromium ***\n` +
    (process.env.CI ? '*** CI requires it: failing. ***\n' : '*** Skipping the browser tests. ***\n');
  console.error(message);
  if (process.env.CI) throw new Error(message);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PageTraps {
  dialogs: string[];
  consoleErrors: string[];
  foreignRequests: string[];
  cspViolations: string[];
}

/**
 * Records anything that would mean injected code ran: dialogs (alert/confirm/prompt),
 * console errors, requests to other origins, and CSP violations.
 */
export async function trapPage(page: Page, origin: string): Promise<PageTraps> {
  const traps: PageTraps = { dialogs: [], consoleErrors: [], foreignRequests: [], cspViolations: [] };
  page.on('dialog', (dialog) => {
    traps.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') traps.consoleErrors.push(msg.text());
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:')) traps.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCsp', (text: string) => traps.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (s: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return traps;
}
