import fs from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { inject } from 'vitest';

/**
 * Which Chromium the browser tests drive: `CHROMIUM_PATH` when set, else Debian's
 * `/usr/bin/chromium` when installed, else the one `npm install` brought
 * (`@sparticuz/chromium`, unpacked to /tmp on first use), so that `npm test` runs every
 * browser test on a machine that has only what npm installed.
 * `HIDE_SYSTEM_CHROMIUM=1` ignores Debian's browser (to test that last path);
 * `SKIP_E2E=1` is the only way to skip the browser tests.
 */
const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export const SKIP_E2E = process.env.SKIP_E2E === '1';

function systemChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (process.env.HIDE_SYSTEM_CHROMIUM !== '1' && fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  return null;
}

/** False only when the browser tests were asked to skip (`SKIP_E2E=1`); said loudly. */
export function chromiumAvailable(): boolean {
  if (!SKIP_E2E) return true;
  console.error('\n*** SKIP_E2E=1: the browser tests in this file are skipped. ***\n');
  return false;
}

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumExecutable {
  path: string;
  /** The one `@sparticuz/chromium` brought, which needs the new headless mode asked for. */
  bundled: boolean;
}

/**
 * Finds the browser, unpacking the bundled one when it is the one to use. Called once per run by
 * the global setup (support/chromium-setup.ts): the package writes /tmp/chromium bit by bit and
 * answers its path as soon as the file exists, so two files unpacking it at once could launch a
 * half-written binary.
 */
export async function chromiumExecutable(): Promise<ChromiumExecutable> {
  const system = systemChromium();
  if (system) return { path: system, bundled: false };
  const { default: bundled } = await import('@sparticuz/chromium');
  return { path: await bundled.executablePath(), bundled: true };
}

export async function launchBrowser(): Promise<Browser> {
  const executable = inject('chromium');
  // Its own args add --single-process and friends meant for AWS Lambda; ours suffice here.
  return chromium.launch({
    executablePath: executable.path,
    args: executable.bundled ? [...FLAGS, '--headless=new'] : FLAGS,
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
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('about:'))
      traps.foreignRequests.push(url);
  });
  await page.exposeFunction('__reportCsp', (text: string) => traps.cspViolations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __reportCsp: (s: string) => void }).__reportCsp(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return traps;
}
