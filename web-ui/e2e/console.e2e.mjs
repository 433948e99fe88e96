#!/usr/bin/env node
// Browser end-to-end check of the spgate console against an already running gateway.
//
//   node e2e/console.e2e.mjs <baseUrl> [screenshotPath]
//
// Opens <baseUrl> in Chromium (Debian's /usr/bin/chromium, or $CHROMIUM_PATH), waits for the
// console to show the gateway UP and checks the readiness table lists postgres and migrations UP.
// On success prints exactly one line, "e2e: console shows gateway UP", and exits 0; on any failure
// prints the reason to stderr and exits 1. It never starts a server itself.
// $E2E_TIMEOUT_MS bounds the wait for UP (default 30000).
import { chromium } from 'playwright-core';

const SUCCESS_LINE = 'e2e: console shows gateway UP';
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const REQUIRED_UP_CHECKS = ['postgres', 'migrations'];

function fail(message) {
  process.stderr.write(`e2e: FAILED: ${message}\n`);
  process.exitCode = 1;
}

async function textOf(locator) {
  return (await locator.count()) > 0 ? ((await locator.first().textContent()) ?? '').trim() : '(absent)';
}

async function run(baseUrl, screenshotPath) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-background-networking',
      '--disable-gpu',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    timeout: TIMEOUT_MS,
  });
  const pageErrors = [];
  let page;
  try {
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));

    const response = await page.goto(baseUrl, { waitUntil: 'domcontentloaded' });
    if (!response || !response.ok()) {
      throw new Error(`GET ${baseUrl} answered HTTP ${response ? response.status() : 'nothing'}`);
    }

    const overall = page.getByTestId('overall-status');
    try {
      await overall.filter({ hasText: /^UP$/ }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
    } catch {
      const errorText = await textOf(page.getByTestId('error'));
      throw new Error(
        `overall-status did not show UP within ${TIMEOUT_MS} ms: it shows "${await textOf(overall)}"` +
          (errorText !== '(absent)' ? `, error message: "${errorText}"` : ''),
      );
    }

    for (const name of REQUIRED_UP_CHECKS) {
      const status = await textOf(page.getByTestId(`check-${name}`).getByRole('cell'));
      if (status !== 'UP') throw new Error(`checks table shows ${name} as "${status}", expected "UP"`);
    }
    const lastChecked = await textOf(page.getByTestId('last-checked'));
    if (!/^\d{2}:\d{2}:\d{2}$/.test(lastChecked)) {
      throw new Error(`last-checked shows "${lastChecked}", expected a time`);
    }
    if (pageErrors.length > 0) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);

    if (screenshotPath) await page.screenshot({ path: screenshotPath, fullPage: true });
    process.stdout.write(`${SUCCESS_LINE}\n`);
  } catch (error) {
    if (screenshotPath && page) {
      await page.screenshot({ path: screenshotPath, fullPage: true }).catch(() => {});
    }
    throw error;
  } finally {
    await browser.close().catch(() => {});
  }
}

const [baseUrl, screenshotPath] = process.argv.slice(2);
if (!baseUrl || !/^https?:\/\//.test(baseUrl)) {
  fail('usage: node e2e/console.e2e.mjs <baseUrl http(s)://host:port/> [screenshotPath]');
} else {
  // Backstop in case the browser itself hangs; unref'd so it never delays a normal exit.
  setTimeout(() => {
    fail(`gave up after ${2 * TIMEOUT_MS + 30_000} ms`);
    process.exit(1);
  }, 2 * TIMEOUT_MS + 30_000).unref();
  try {
    await run(new URL(baseUrl).href, screenshotPath);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
}
