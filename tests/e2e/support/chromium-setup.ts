/**
 * Vitest global setup of the browser tests: finds (and, for the bundled one, unpacks) Chromium once
 * per run, before the files that run two at a time start (support/browser.ts says why).
 */
import type { TestProject } from 'vitest/node';
import { SKIP_E2E, chromiumExecutable } from './browser.ts';
import type { ChromiumExecutable } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    chromium: ChromiumExecutable;
  }
}

export default async function setup(project: TestProject): Promise<void> {
  project.provide('chromium', SKIP_E2E ? { path: '', bundled: false } : await chromiumExecutable());
}
