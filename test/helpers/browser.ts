// The browser of the site tests: the system's headless Chromium (Debian's `chromium` package),
// driven by playwright-core, which downloads no browser of its own. Optional, as the Python
// packages of python-packages.ts are: a machine without it skips the tests that need it
// (optional.ts); .ci/run installs it, so CI runs them.
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { unlessMissing } from './optional.js';

const CHROMIUM_INSTALL = 'apt-get install -y chromium (.ci/run installs it)';

/** Where the system's Chromium is: $HANDOFF_CHROMIUM, else the usual paths; undefined when none. */
function findChromium(): string | undefined {
  const candidates = [process.env.HANDOFF_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome-stable', '/usr/bin/google-chrome'];
  return candidates.find((path): path is string => typeof path === 'string' && path !== '' && existsSync(path));
}

const CHROMIUM = findChromium();

/** Why the browser tests are skipped, or undefined when Chromium is there. */
const missingChromium: string | undefined = CHROMIUM ? undefined : `needs the system's Chromium: ${CHROMIUM_INSTALL}`;

type DescribeFn = (name: string, fn: () => void) => void;

/** `describe` when Chromium is installed; otherwise the block is skipped with the reason in its name. */
export function describeNeedingChromium(): DescribeFn {
  if (missingChromium) console.warn(`Chromium is missing: this file's browser tests are skipped. ${CHROMIUM_INSTALL}`);
  return unlessMissing<DescribeFn>(describe, describe.skip, missingChromium);
}

/**
 * Headless Chromium with nothing of its own going out: no sync, no component updates, no
 * background requests, no QUIC; root needs --no-sandbox. playwright-core gives each launch a fresh
 * profile (its own --user-data-dir in a temp folder).
 */
export async function launchChromium(): Promise<Browser> {
  if (!CHROMIUM) throw new Error(missingChromium);
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}
