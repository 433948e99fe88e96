#!/usr/bin/env node
// Browser end-to-end check of the spgate console against an already running gateway.
//
//   node e2e/console.e2e.mjs <baseUrl> [screenshotPath]
//
// Opens <baseUrl> in Chromium (Debian's /usr/bin/chromium, or $CHROMIUM_PATH), waits for the
// console to show the gateway UP and checks the readiness table lists postgres and migrations UP;
// then opens the page sellers land on after Seller Central's consent (<baseUrl>connected?outcome=...)
// and checks it says in words how the authorization ended. On success prints the two lines
// "e2e: console shows gateway UP" and "e2e: connected page shows the outcome", and exits 0; on any
// failure prints the reason to stderr and exits 1. It never starts a server itself.
// With $E2E_API_KEY it also signs in with that key, checks that a write carrying the session cookie
// but not its CSRF token is refused, signs out and checks the session is gone ("e2e: signed in and
// out; a write without the CSRF token was refused").
// $E2E_TIMEOUT_MS bounds the wait for UP (default 30000).
import { chromium } from 'playwright-core';

const SUCCESS_LINE = 'e2e: console shows gateway UP';
const CONNECTED_LINE = 'e2e: connected page shows the outcome';
const SESSION_LINE = 'e2e: signed in and out; a write without the CSRF token was refused';
const SELLER_ID = '0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59';
// What the connected page must say for outcomes the gateway's OAuth callback sends.
const OUTCOMES = [
  { query: `outcome=connected&sellerId=${SELLER_ID}`, title: 'Seller connected', detail: /now connected/, seller: SELLER_ID },
  { query: 'outcome=failed&code=selling_partner_mismatch', title: 'Seller not connected', detail: /another selling account/ },
];
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

    if (process.env.E2E_API_KEY) await signInAndOut(page, process.env.E2E_API_KEY);

    for (const expected of OUTCOMES) {
      const url = new URL(`connected?${expected.query}`, baseUrl).href;
      const landed = await page.goto(url, { waitUntil: 'domcontentloaded' });
      if (!landed || !landed.ok()) throw new Error(`GET ${url} answered HTTP ${landed ? landed.status() : 'nothing'}`);
      const title = page.getByTestId('connected-title');
      try {
        await title.filter({ hasText: expected.title }).waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      } catch {
        throw new Error(`${url} shows "${await textOf(title)}", expected "${expected.title}"`);
      }
      const detail = await textOf(page.getByTestId('connected-detail'));
      if (!expected.detail.test(detail)) throw new Error(`${url} says "${detail}", expected ${expected.detail}`);
      const seller = await textOf(page.getByTestId('connected-seller'));
      if (seller !== (expected.seller ?? '(absent)')) throw new Error(`${url} shows seller "${seller}"`);
    }
    if (pageErrors.length > 0) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);
    process.stdout.write(`${CONNECTED_LINE}\n`);
  } catch (error) {
    if (screenshotPath && page) {
      await page.screenshot({ path: screenshotPath, fullPage: true }).catch(() => {});
    }
    throw error;
  } finally {
    await browser.close().catch(() => {});
  }
}

/** Signs in through the form, tries a write by cookie alone, signs out. */
async function signInAndOut(page, apiKey) {
  await page.getByLabel('API key').fill(apiKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const signedIn = page.getByTestId('signed-in-as');
  await signedIn.waitFor({ state: 'visible' });
  if (!/Signed in/.test(await textOf(signedIn))) throw new Error(`after sign-in the page says "${await textOf(signedIn)}"`);
  const me = await page.evaluate(() => fetch('/v1/me').then((r) => r.status));
  if (me !== 200) throw new Error(`GET /v1/me with the session cookie answered ${me}`);
  const write = await page.evaluate(() =>
    fetch('/v1/session', { method: 'DELETE' }).then(async (r) => ({ status: r.status, code: (await r.json()).code })),
  );
  if (write.status !== 403 || write.code !== 'csrf_token_invalid') {
    throw new Error(`a write without the CSRF token answered ${write.status} ${write.code}`);
  }
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('API key').waitFor({ state: 'visible' });
  const after = await page.evaluate(() => fetch('/v1/me').then((r) => r.status));
  if (after !== 401) throw new Error(`GET /v1/me after sign-out answered ${after}`);
  process.stdout.write(`${SESSION_LINE}\n`);
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
