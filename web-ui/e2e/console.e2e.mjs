#!/usr/bin/env node
// Browser end-to-end run of the spgate console against a running ops/run (gateway, SP-API simulator
// and the Demo tenant's sellers). It starts no server.
//
//   E2E_BASE_URL=http://localhost:18080/ E2E_API_KEY=<Demo key> E2E_ADMIN_KEY=<admin key> \
//     node e2e/console.e2e.mjs
//
// Each step prints "e2e: <step> ok"; the first failure prints "e2e: FAILED: <step>: <reason>" and
// exits 1. Screenshots of every page at 1280 and 390 px go to $SCREENSHOT_DIR (web-ui/target/screenshots).
// Chromium is $CHROMIUM_PATH or Debian's /usr/bin/chromium; $E2E_TIMEOUT_MS bounds each wait (30000).
// $E2E_UPDATE_DONE_MS bounds the wait for the update job to reach 100% (180000).
// The webhooks step receives its test event on a server of its own at http://$E2E_WEBHOOK_HOST:<free port>/
// (127.0.0.1: the gateway must run on this machine and allow private webhook targets, as ops/run does).
// $E2E_ORDERS_MS bounds the wait for the demo's orders (60000).
import axe from 'axe-core';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = new URL(process.env.E2E_BASE_URL ?? process.argv[2] ?? 'http://localhost:8080/').href;
const API_KEY = process.env.E2E_API_KEY;
const ADMIN_KEY = process.env.E2E_ADMIN_KEY;
const SCREENSHOT_DIR = process.env.SCREENSHOT_DIR ?? fileURLToPath(new URL('../target/screenshots', import.meta.url));
const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS ?? 30_000);
const US = 'ATVPDKIKX0DER';
const LOAD_SELLERS = 10_000;
const LOAD_IN_FLIGHT = 32;
const FILTER_GOAL_MS = 300;
const REPORT_DONE_MS = 60_000;
// An update job of ~20 items to one seller; Amazon (the simulator) answers patches and feeds in its own time.
const UPDATE_DONE_MS = Number(process.env.E2E_UPDATE_DONE_MS ?? 180_000);
const UPDATE_ROWS = 20;
const MEASUREMENTS = 5;
const WEBHOOK_HOST = process.env.E2E_WEBHOOK_HOST ?? '127.0.0.1';
// The demo's simulator places orders as it runs; the orders steps wait this long for those they need.
const ORDERS_MS = Number(process.env.E2E_ORDERS_MS ?? 60_000);
// The gateway's delivery worker sends a test event within a few seconds; the page asks every 3 s.
const WEBHOOK_DELIVERED_MS = 60_000;
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

// ---- the gateway's API from Node, as a client program would call it

async function api(key, method, path, body) {
  const response = await fetch(new URL(path, BASE), {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body && { 'content-type': 'application/json' }) },
    ...(body && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function expectStatus(key, method, path, body, expected) {
  const answer = await api(key, method, path, body);
  if (answer.status !== expected) throw new Error(`${method} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

function ordersPath(seller) {
  return `v1/sellers/${seller.id}/sp-api/orders/v0/orders?MarketplaceIds=${seller.marketplaceIds[0]}&CreatedAfter=2024-01-01T00:00:00Z`;
}

/** Runs `work` over `items` with at most `limit` running at once. */
async function inParallel(items, limit, work) {
  let next = 0;
  const lanes = Array.from({ length: limit }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}


/** One CSV field, quoted when it holds a comma, a quote or a line break. */
const csvField = (value) => (/[",\r\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));

/**
 * A price the mapping's guardrails accept: a move of 1% from the last price (0 when its largest change
 * is smaller), else about 20; within [minPrice, maxPrice], on the currency's grid.
 */
function priceWithin(mapping, currency, n) {
  const decimals = currency === 'JPY' ? 0 : 2;
  const round = (x) => Number(x.toFixed(decimals));
  const { minPrice, maxPrice, maxChangePercent } = mapping.guardrails;
  const last = mapping.lastPrice ? Number(mapping.lastPrice.amount) : null;
  let price = last !== null ? last * (n % 2 === 0 ? 1.01 : 0.99) : 19.99 + n / 10;
  if (minPrice !== null) price = Math.max(price, minPrice);
  if (maxPrice !== null) price = Math.min(price, maxPrice);
  price = round(price);
  if (last !== null && maxChangePercent !== null && (Math.abs(price - last) / last) * 100 > maxChangePercent) price = last;
  return Math.max(price, 1 / 10 ** decimals).toFixed(decimals);
}

/** A GET of the gateway's API from the page, with its session cookie. */
function pageGet(page, path) {
  return page.evaluate(async (path) => {
    const response = await fetch(path, { headers: { accept: 'application/json' } });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${JSON.stringify(body)}`);
    return body;
  }, path);
}

/** Asks `GET path` every second until `found(body)` answers something, for up to `ms`; then fails saying `missing`. */
async function waitForApi(key, path, found, ms, missing) {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = found(await expectStatus(key, 'GET', path, null, 200));
    if (answer) return answer;
    if (Date.now() > deadline) throw new Error(`${missing} (waited ${Math.round(ms / 1000)} s for GET /${path})`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

// ---- a webhook receiver, as a tenant's server would be

/** An HTTP server that answers 200 to every POST and keeps what it got; `stop()` closes it. */
async function startReceiver() {
  const received = [];
  const waiters = [];
  const server = createServer((request, response) => {
    const chunks = [];
    request.on('data', (chunk) => chunks.push(chunk));
    request.on('end', () => {
      const delivery = { path: request.url, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      received.push(delivery);
      response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      for (const waiter of waiters.splice(0)) waiter();
    });
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(0, WEBHOOK_HOST, resolve));
  const { port } = server.address();
  /** The first delivery `accept` takes, waiting up to `timeoutMs` for it. */
  async function delivery(accept, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = received.find(accept);
      if (found) return found;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`the receiver got no such delivery in ${timeoutMs} ms (it got ${received.length})`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
  return { url: `http://${WEBHOOK_HOST}:${port}/e2e-hooks`, delivery, stop: () => new Promise((resolve) => server.close(resolve)) };
}

/** Whether `Spgate-Signature` (t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>) signs the body with the secret. */
function signatureValid(header, body, secret) {
  const parts = Object.fromEntries(String(header ?? '').split(',').map((part) => [part.slice(0, part.indexOf('=')), part.slice(part.indexOf('=') + 1)]));
  if (!parts.t || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

// ---- the browser

const url = (path) => new URL(path.replace(/^\//, ''), BASE).href;

async function textOf(locator) {
  return ((await locator.first().textContent({ timeout: TIMEOUT_MS })) ?? '').trim();
}

async function signIn(page, key) {
  await page.goto(BASE);
  await page.getByLabel('API key').fill(key);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Console' }).waitFor();
}

/** From the consent page (the simulator's Seller Central), confirms as `sellingPartnerId`; waits for /connected. */
async function consentAs(page, sellingPartnerId) {
  await page.waitForURL((u) => u.pathname.endsWith('/apps/authorize/consent'));
  await page.locator('#account').selectOption(sellingPartnerId);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await page.waitForURL((u) => u.href.startsWith(url('/connected')));
  return textOf(page.getByTestId('connected-title'));
}

/** Axe on the page as it is: serious and critical violations fail the run. */
async function checkAccessibility(page, name) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  console.log(`e2e: axe ${name}: ${result.violations.length} violations, ${bad.length} serious or critical`);
  if (bad.length > 0) {
    throw new Error(`axe on ${name}: ${bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('; ')}`);
  }
}

/** Screenshots at both widths; at a phone's width the page itself must not scroll sideways. */
async function screenshots(page, name) {
  for (const size of WIDTHS) {
    await page.setViewportSize(size);
    await page.waitForTimeout(100); // one layout after the resize; nothing waits on the server here
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    if (overflow > 0) throw new Error(`${name} at ${size.width} px scrolls sideways by ${overflow} px`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}-${size.width}.png`), fullPage: true });
  }
  await page.setViewportSize(WIDTHS[0]);
}

async function visit(page, name, path, ready) {
  await page.goto(url(path));
  await ready(page).waitFor({ timeout: TIMEOUT_MS });
  await checkAccessibility(page, name);
  await screenshots(page, name);
}

/**
 * Changes one filter in the page and measures, with the page's own clock, until the table (or the
 * empty state) says it shows the rows of `expected` (the filters' query text).
 */
function measureFilterChange(page, control, value, expected) {
  return page.evaluate(
    ({ control, value, expected, timeoutMs }) =>
      new Promise((resolve, reject) => {
        const shown = () => document.querySelector(`[data-results-for="${CSS.escape(expected)}"]`);
        const element = document.getElementById(control);
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!shown()) return;
          observer.disconnect();
          resolve(performance.now() - started);
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-results-for'] });
        // React sees a change only through the native value setter.
        Object.getOwnPropertyDescriptor(Object.getPrototypeOf(element), 'value').set.call(element, value);
        element.dispatchEvent(new Event(element.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
        setTimeout(() => {
          observer.disconnect();
          reject(new Error(`the table did not show ${expected} within ${timeoutMs} ms`));
        }, timeoutMs);
      }),
    { control, value, expected, timeoutMs: TIMEOUT_MS },
  );
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// ---- the run

let current = 'start';
async function step(name, work) {
  current = name;
  await work();
  console.log(`e2e: ${name} ok`);
}

async function run(browser) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const context = await browser.newContext({ viewport: WIDTHS[0] });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  const registered = (await expectStatus(API_KEY, 'GET', 'v1/sellers?limit=500', null, 200)).items;
  const demoSeller = registered.find((s) => s.status === 'active' && s.marketplaceIds.includes(US)) ?? registered[0];
  if (!demoSeller) throw new Error('the Demo tenant has no seller; is this ops/run?');
  let connected;
  let reportJobPath;
  let channelPath;
  let updateJobPath;

  await step('sign in; the first screen says what to do next', async () => {
    await signIn(page, API_KEY);
    const next = await textOf(page.getByTestId('next-step'));
    if (!/Try a call|Connect your first seller/.test(next)) throw new Error(`the first screen says "${next}"`);
  });

  await step('connect a seller through the consent page', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Sellers' }).click();
    await page.getByRole('button', { name: 'Connect a seller' }).click();
    const dialog = page.getByRole('dialog', { name: 'Connect a seller' });
    await dialog.getByLabel('Marketplace').selectOption(US);
    await dialog.getByRole('button', { name: 'Continue to Seller Central' }).click();
    await page.waitForURL((u) => u.pathname.endsWith('/apps/authorize/consent'));
    const taken = new Set(registered.map((s) => s.sellingPartnerId));
    const accounts = await page.locator('#account option').evaluateAll((options) => options.map((o) => ({ id: o.value, label: o.textContent })));
    const free = accounts.filter((a) => !taken.has(a.id));
    const account = free.find((a) => a.label.includes('(US)')) ?? free[0];
    if (!account) throw new Error('the consent page offers no selling account that is not connected yet');
    const title = await consentAs(page, account.id);
    if (title !== 'Seller connected') throw new Error(`/connected says "${title}"`);
    connected = { sellingPartnerId: account.id, id: await textOf(page.getByTestId('connected-seller')) };
    await page.getByTestId('connected-back').click();
    await page.getByLabel('Selling partner id starts with').fill(account.id);
    await page.getByTestId(`seller-row-${account.id}`).waitFor();
  });

  await step('re-authorize the new seller through the consent page', async () => {
    await page.goto(url(`/sellers/${connected.id}`));
    await page.getByRole('button', { name: 'Re-authorize' }).click();
    const title = await consentAs(page, connected.sellingPartnerId);
    if (title !== 'Seller re-authorized') throw new Error(`/connected says "${title}"`);
  });

  await step('quotas follow calls through the pass-through without a reload', async () => {
    await expectStatus(API_KEY, 'GET', ordersPath(demoSeller), null, 200);
    await page.goto(url(`/quotas?seller=${demoSeller.id}`));
    const tokens = page.getByTestId('quota-tokens-getOrders');
    const before = await textOf(tokens);
    for (let i = 0; i < 3; i++) await expectStatus(API_KEY, 'GET', ordersPath(demoSeller), null, 200);
    await page.waitForFunction(
      ({ before }) => document.querySelector('[data-testid="quota-tokens-getOrders"]')?.textContent !== before,
      { before },
      { timeout: TIMEOUT_MS },
    );
    console.log(`e2e: getOrders tokens went from ${before} to ${await textOf(tokens)}`);
  });

  await step('reports: requested, DONE, downloaded as NDJSON', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Reports' }).click();
    await page.getByLabel('Find a seller by selling partner id').fill(demoSeller.sellingPartnerId);
    await page.getByRole('list', { name: 'Matching sellers' }).getByRole('link', { name: demoSeller.sellingPartnerId, exact: true }).click();
    const form = page.getByRole('form', { name: 'Request a report' });
    await form.getByLabel('Report type').selectOption('GET_MERCHANT_LISTINGS_ALL_DATA');
    for (const id of demoSeller.marketplaceIds) await form.locator(`#request-mp-${id}`).setChecked(id === US);
    await form.getByRole('button', { name: 'Request report' }).click();
    await page.waitForURL((u) => /^\/reports\/[0-9a-f-]{36}$/.test(u.pathname));
    reportJobPath = new URL(page.url()).pathname;
    const started = Date.now();
    // The page follows the job by itself (every 2 s); the simulator takes about 12 s to make the report.
    await page.locator('[data-testid="report-job-status"][data-status="DONE"]').waitFor({ timeout: REPORT_DONE_MS });
    console.log(`e2e: report ${reportJobPath} DONE after ${Math.round((Date.now() - started) / 1000)} s in the page`);
    await page.getByLabel(/^NDJSON/).check();
    const link = page.getByTestId('report-download');
    const href = await link.getAttribute('href');
    if (!href.endsWith(`${reportJobPath}/document?format=ndjson`)) throw new Error(`the NDJSON link is ${href}`);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const failure = await download.failure();
    if (failure) throw new Error(`the download failed: ${failure}`);
    const lines = readFileSync(await download.path(), 'utf8').split('\n').filter((line) => line !== '');
    const first = JSON.parse(lines[0] ?? 'null');
    if (!first || typeof first !== 'object' || !('seller-sku' in first)) throw new Error(`the first NDJSON line is ${lines[0]}`);
    console.log(`e2e: report downloaded as ${download.suggestedFilename()}: ${lines.length} rows, first seller-sku ${first['seller-sku']}`);
  });

  await step('channels: mappings listed; an update file dry run, confirmed, followed to 100%', async () => {
    // (a) Channels, then the first channel that has mappings (ops/run's demo imports its sellers' listings as mappings).
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Channels' }).click();
    await page.getByTestId('channels-table').waitFor();
    const channelId = await page.evaluate(() => {
      const row = Array.from(document.querySelectorAll('[data-testid^="channel-row-"]')).find(
        (r) => Number((r.querySelector('[data-testid="channel-mappings"]')?.textContent ?? '0').replace(/,/g, '')) > 0,
      );
      return row ? row.getAttribute('data-testid').slice('channel-row-'.length) : null;
    });
    if (!channelId) throw new Error('no channel in the list has mappings; did ops/run import the demo mappings?');
    await page.getByTestId(`channel-row-${channelId}`).getByRole('link').click();
    await page.waitForURL((u) => u.pathname === `/channels/${channelId}`);
    await page.locator('[data-testid^="mapping-row-"]').first().waitFor();
    channelPath = `/channels/${channelId}`;
    console.log(`e2e: channel ${channelId}: ${await textOf(page.getByTestId('mapping-count'))}`);

    // (b) An update file for SKUs of that channel, written to a temporary file: good lines and one of an unmapped SKU.
    const channel = await pageGet(page, `/v1/channels/${encodeURIComponent(channelId)}`);
    const mappings = (await pageGet(page, `/v1/channels/${encodeURIComponent(channelId)}/mappings?limit=${UPDATE_ROWS - 1}`)).items;
    if (mappings.length === 0) throw new Error(`GET /v1/channels/${channelId}/mappings listed none`);
    const lines = mappings.map((m, n) => [channelId, m.sku, priceWithin(m, channel.currency, n), channel.currency, m.fulfillment === 'MFN' ? String(10 + n) : '']);
    const unmapped = `E2E-UNMAPPED-${Date.now()}`;
    lines.push([channelId, unmapped, '9.99', channel.currency, '1']);
    const badLine = lines.length; // 1-based data line, as the page numbers refused lines
    const dir = mkdtempSync(join(tmpdir(), 'spgate-e2e-'));
    const file = join(dir, 'updates.csv');
    writeFileSync(file, [['channelId', 'sku', 'price', 'currency', 'quantity'], ...lines].map((l) => l.map(csvField).join(',')).join('\r\n') + '\r\n');

    try {
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Updates' }).click();
      await page.getByRole('link', { name: 'New update job' }).click();
      await page.waitForURL((u) => u.pathname === '/updates/new');
      await page.getByLabel('CSV file').setInputFiles(file);
      await page.getByRole('button', { name: 'Dry run' }).click();
      const plan = page.getByTestId('update-plan');
      await plan.waitFor();
      const summary = await textOf(plan.getByTestId('update-summary'));
      const good = lines.length - 1;
      const expected = `${good} ${good === 1 ? 'item' : 'items'} of updates.csv would be sent; 1 line would be refused.`;
      if (summary !== expected) {
        const refused = await plan.getByRole('region', { name: 'Refused lines' }).innerText().catch(() => '');
        throw new Error(`the dry run says "${summary}", not "${expected}"; refused: ${refused}`);
      }
      await plan.getByTestId(`plan-seller-${channel.sellerId}`).waitFor();
      const refusedLine = await textOf(plan.getByTestId(`update-rejection-${badLine}`));
      if (!refusedLine.includes('mapping_missing')) throw new Error(`line ${badLine} (${unmapped}) is refused as "${refusedLine}"`);
      console.log(`e2e: dry run: ${summary} Plan: ${(await plan.getByTestId(`plan-seller-${channel.sellerId}`).innerText()).replace(/\s+/g, ' ')}`);
      await checkAccessibility(page, 'update-new-plan');
      await screenshots(page, 'update-new-plan');

      await page.getByRole('button', { name: /^Confirm and send/ }).click();
      await page.waitForURL((u) => /^\/updates\/[0-9a-f-]{36}$/.test(u.pathname));
      updateJobPath = new URL(page.url()).pathname;
      const started = Date.now();
      // The page follows the job through its event stream; wait for its text to say 100%, then for the status.
      await page.waitForFunction(() => /\b100%/.test(document.querySelector('[data-testid="job-progress"]')?.textContent ?? ''), null, {
        timeout: UPDATE_DONE_MS,
        polling: 500,
      });
      await page.locator('[data-testid="job-status"][data-status="done"]').waitFor({ timeout: UPDATE_DONE_MS });
      const counts = await page.getByRole('list', { name: 'Items by status' }).innerText();
      console.log(`e2e: update job ${updateJobPath} at 100% after ${Math.round((Date.now() - started) / 1000)} s: ${counts.replace(/\s+/g, ' ')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }

    // (c) Axe and screenshots of the new pages, and of a mapping's guardrails dialog.
    await visit(page, 'channels', '/channels', (p) => p.getByTestId('channels-table'));
    await visit(page, 'channel', channelPath, (p) => p.getByTestId('mappings-table'));
    await page.locator('[data-testid="mappings-table"] button', { hasText: 'Edit…' }).first().click();
    await page.getByTestId('guardrails-dialog').waitFor();
    await checkAccessibility(page, 'channel-guardrails-dialog');
    await screenshots(page, 'channel-guardrails-dialog');
    await page.getByTestId('guardrails-dialog').getByRole('button', { name: 'Cancel' }).click();
    await visit(page, 'channel-inventory', `${channelPath}?tab=inventory`, (p) => p.getByTestId('inventory-table').or(p.getByTestId('inventory-empty')));
    await visit(page, 'updates', '/updates', (p) => p.getByTestId('jobs-table'));
    await visit(page, 'update-job', updateJobPath, (p) => p.locator('[data-testid="job-items-table"] tbody tr[data-index]').first());
  });

  await step('orders: the list shows the Demo tenant’s orders, filters by status, and one opens with its items and events', async () => {
    await waitForApi(API_KEY, 'v1/orders?limit=1', (page) => page.items.length > 0, ORDERS_MS,
      "GET /v1/orders lists no order: ops/run's demo must sync orders from the simulator");
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Orders' }).click();
    await page.waitForURL((u) => u.pathname === '/orders');
    const rows = page.locator('[data-testid^="order-row-"]');
    await rows.first().or(page.getByTestId('orders-empty')).first().waitFor();
    if ((await rows.count()) === 0) throw new Error(`the Orders page says "${await textOf(page.getByTestId('orders-empty'))}" while the API lists orders`);
    const first = rows.first();
    const orderId = (await first.getAttribute('data-testid')).slice('order-row-'.length);
    const amazonOrderId = await textOf(first.getByTestId('order-link'));
    const status = await first.locator(`[data-testid="order-status-${orderId}"]`).getAttribute('data-status');
    console.log(`e2e: ${await textOf(page.getByTestId('order-count'))}; first ${amazonOrderId} (${status})`);
    await checkAccessibility(page, 'orders');
    await screenshots(page, 'orders');

    await page.getByLabel('Status', { exact: true }).selectOption(status);
    await page.locator(`[data-results-for="status=${status}"]`).waitFor();
    const shown = await page.locator('[data-testid^="order-status-"]').evaluateAll((badges) => badges.map((b) => b.dataset.status));
    if (shown.length === 0 || shown.some((s) => s !== status)) throw new Error(`filtered by ${status}, the list shows ${shown.join(', ') || 'nothing'}`);

    // The oldest order of all is the oldest of its status too: first in the filtered list.
    await page.getByTestId(`order-row-${orderId}`).getByTestId('order-link').click();
    await page.waitForURL((u) => u.pathname === `/orders/${orderId}`);
    await page.getByRole('heading', { level: 1, name: `Order ${amazonOrderId}` }).waitFor();
    const items = await page.locator('[data-testid^="order-item-"]').count();
    if (items === 0) throw new Error(`order ${amazonOrderId} shows no item`);
    const events = page.locator('[data-testid^="order-event-"]');
    await events.first().or(page.getByTestId('order-events-empty')).first().waitFor();
    if ((await events.count()) === 0) {
      throw new Error(`order ${amazonOrderId} shows no event: its order.created should be in GET /v1/events?type=order.created`);
    }
    console.log(`e2e: order ${amazonOrderId}: ${await textOf(page.getByTestId('order-items-summary'))}; events ${(await events.allTextContents()).join(' | ')}`);
    await checkAccessibility(page, 'order');
    await screenshots(page, 'order');
  });

  await step('orders: a shipment of a merchant-fulfilled order is confirmed from its page', async () => {
    const shippable = await waitForApi(
      API_KEY,
      'v1/orders?status=unshipped&limit=500',
      (page) => page.items.find((o) => o.fulfillment === 'MFN' && o.items.some((i) => i.quantity > i.quantityShipped)),
      ORDERS_MS,
      "no unshipped MFN order in GET /v1/orders?status=unshipped: ops/run's demo must make some",
    );
    await page.goto(url(`/orders/${shippable.id}`));
    const form = page.getByTestId('confirm-shipment');
    await form.getByLabel('Carrier', { exact: true }).selectOption('UPS');
    const tracking = `1ZE2E${Date.now()}`;
    await form.getByLabel('Tracking number').fill(tracking);
    await checkAccessibility(page, 'order-confirm-shipment');
    await form.getByRole('button', { name: 'Confirm shipment' }).click();
    const done = page.getByTestId('shipment-confirmed').or(form.getByTestId('error-notice'));
    await done.first().waitFor();
    if (!(await page.getByTestId('shipment-confirmed').isVisible())) throw new Error(`the confirmation was refused: ${await textOf(form.getByTestId('error-notice'))}`);
    const row = page.locator('[data-testid^="shipment-row-"]', { hasText: tracking });
    await row.waitFor();
    const shipmentStatus = await row.locator('[data-status]').getAttribute('data-status');
    if (shipmentStatus !== 'confirmed') throw new Error(`the shipment ${tracking} is ${shipmentStatus}`);
    await page.locator('[data-testid="order-status"][data-status="shipped"]').waitFor();
    console.log(`e2e: order ${shippable.amazonOrderId} shipped with UPS ${tracking}`);
  });

  await step('notifications: each seller’s health and the dead letters are shown', async () => {
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Notifications' }).click();
    await page.getByTestId('health-summary').waitFor();
    await page.getByTestId('dead-letters-table').or(page.getByTestId('dead-letters-empty')).first().waitFor();
    console.log(`e2e: notifications: ${await textOf(page.getByTestId('health-summary'))}`);
    await checkAccessibility(page, 'notifications');
    await screenshots(page, 'notifications');
  });

  await step('webhooks: an endpoint added, its secret shown once, a test event delivered (signed) and shown, the endpoint deleted', async () => {
    const receiver = await startReceiver();
    try {
      await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Webhooks' }).click();
      await page.getByRole('heading', { level: 2, name: 'Add an endpoint' }).waitFor();
      await page.getByLabel('URL', { exact: true }).fill(receiver.url);
      await page.getByLabel('Description (optional)').fill(`e2e ${Date.now()}`);
      await page.getByRole('button', { name: 'Add endpoint' }).click();
      const dialog = page.getByTestId('webhook-secret').or(page.getByTestId('error-notice'));
      await dialog.first().waitFor();
      if (!(await page.getByTestId('webhook-secret').isVisible())) throw new Error(`adding ${receiver.url} was refused: ${await textOf(page.getByTestId('error-notice'))}`);
      const secret = await page.getByTestId('webhook-secret-value').inputValue();
      if (!secret.startsWith('whsec_')) throw new Error(`the secret shown is "${secret}"`);
      const warning = await textOf(page.getByTestId('webhook-secret').getByRole('note'));
      if (!warning.includes('you will not see it again')) throw new Error(`the secret dialog says "${warning}"`);
      await checkAccessibility(page, 'webhook-secret');
      await page.getByTestId('webhook-secret').getByRole('button', { name: 'I have copied it' }).click();
      await page.getByTestId('webhook-secret').waitFor({ state: 'detached' });
      if ((await page.content()).includes(secret)) throw new Error('the secret is still in the page after its dialog closed');

      const panel = page.locator('section[data-testid^="webhook-"]', { hasText: receiver.url });
      const endpointId = (await panel.getAttribute('data-testid')).slice('webhook-'.length);
      await panel.getByRole('button', { name: 'Send test event' }).click();
      const sent = await textOf(page.getByTestId(`webhook-test-sent-${endpointId}`));
      const eventId = /Test event (\S+) sent/.exec(sent)?.[1];
      if (!eventId) throw new Error(`after Send test event the page says "${sent}"`);

      const got = await receiver.delivery((d) => JSON.parse(d.body).id === eventId, WEBHOOK_DELIVERED_MS);
      if (JSON.parse(got.body).type !== 'test') throw new Error(`the receiver got ${got.body}`);
      if (!signatureValid(got.headers['spgate-signature'], got.body, secret)) {
        throw new Error(`Spgate-Signature "${got.headers['spgate-signature']}" does not verify with the secret shown`);
      }
      const row = page.locator(`[data-testid^="delivery-"][data-event-id="${eventId}"]`);
      await row.waitFor({ timeout: WEBHOOK_DELIVERED_MS });
      const code = await row.getAttribute('data-status-code');
      if (code !== '200') throw new Error(`the delivery row of event ${eventId} shows status ${code}: ${await row.innerText()}`);
      console.log(`e2e: webhook ${endpointId}: test event ${eventId} delivered, signature verified; row: ${(await row.innerText()).replace(/\s+/g, ' ')}`);
      await checkAccessibility(page, 'webhooks');
      await screenshots(page, 'webhooks');

      await panel.getByRole('button', { name: /^Delete / }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete endpoint' }).click();
      await panel.waitFor({ state: 'detached' });
      await expectStatus(API_KEY, 'GET', `v1/webhooks/${endpointId}`, null, 404);
    } finally {
      await receiver.stop();
    }
  });

  await step('an API key is shown once, works, and stops working once revoked', async () => {
    const name = `e2e ${Date.now()}`;
    await page.goto(url('/keys'));
    await page.getByLabel('Name').fill(name);
    await page.getByRole('button', { name: 'Create key' }).click();
    const panel = page.getByTestId('new-key');
    const key = await panel.getByTestId('new-key-value').inputValue();
    await panel.getByRole('button', { name: 'I have copied it' }).click();
    await expectStatus(key, 'GET', 'v1/me', null, 200);
    await page.getByRole('button', { name: `Revoke ${name}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke key' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await expectStatus(key, 'GET', 'v1/me', null, 401);
  });

  await step('a write with the session cookie but without the CSRF token is refused', async () => {
    const answer = await page.evaluate(
      (path) =>
        fetch(path, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: '{"status":"active"}' }).then(async (r) => ({
          status: r.status,
          code: (await r.json()).code,
        })),
      `/v1/sellers/${demoSeller.id}`,
    );
    if (answer.status !== 403 || answer.code !== 'csrf_token_invalid') throw new Error(`it answered ${answer.status} ${answer.code}`);
  });

  await step('every page passes axe and has its screenshots', async () => {
    await visit(page, 'overview', '/', (p) => p.getByTestId('calls-per-second'));
    await visit(page, 'sellers', '/sellers', (p) => p.getByTestId('sellers-table'));
    await visit(page, 'seller-detail', `/sellers/${demoSeller.id}`, (p) => p.getByRole('button', { name: 'Re-authorize' }));
    await visit(page, 'quotas', `/quotas?seller=${demoSeller.id}`, (p) => p.getByTestId('quota-getOrders'));
    await visit(page, 'reports', `/reports?seller=${demoSeller.id}`, (p) => p.getByTestId('reports-table'));
    await visit(page, 'report-job', reportJobPath, (p) => p.getByTestId('report-download'));
    await visit(page, 'keys', '/keys', (p) => p.getByRole('region', { name: 'API keys' }));
    await visit(page, 'connected', `/connected?outcome=connected&sellerId=${connected.id}`, (p) => p.getByTestId('connected-title'));
  });

  await step('sign out; the session is gone', async () => {
    await page.goto(BASE);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('API key').waitFor();
    const status = await page.evaluate(() => fetch('/v1/session').then((r) => r.status));
    if (status !== 401) throw new Error(`GET /v1/session after sign-out answered ${status}`);
    await checkAccessibility(page, 'sign-in');
    await screenshots(page, 'sign-in');
  });

  await step(`an administrator's tenant with ${LOAD_SELLERS} sellers filters in under ${FILTER_GOAL_MS} ms`, async () => {
    const tenant = await expectStatus(ADMIN_KEY, 'POST', 'v1/tenants', { name: `Load ${Date.now()}` }, 201);
    await expectStatus(ADMIN_KEY, 'PUT', `v1/applications/demo/tenants/${tenant.id}`, null, 204);
    const numbers = Array.from({ length: LOAD_SELLERS }, (_, i) => i + 1);
    await inParallel(numbers, LOAD_IN_FLIGHT, (n) =>
      expectStatus(ADMIN_KEY, 'POST', `v1/sellers?tenantId=${tenant.id}`, {
        sellingPartnerId: `LOAD${String(n).padStart(5, '0')}`,
        application: 'demo',
        marketplaceIds: [US],
        refreshToken: `Atzr|load-${n}`,
      }, 201),
    );

    await signIn(page, ADMIN_KEY);
    await page.getByLabel('Tenant', { exact: true }).selectOption({ label: tenant.name });
    await page.getByRole('navigation', { name: 'Console' }).getByRole('link', { name: 'Sellers' }).click();
    await page.locator('[data-results-for=""]').waitFor();

    // Each change asks for filters not asked before, so no answer comes from the cache.
    const searches = [];
    for (let i = 1; i <= MEASUREMENTS; i++) {
      const prefix = `LOAD00${i}`;
      searches.push(await measureFilterChange(page, 'seller-search', prefix, `q=${prefix}`));
    }
    const statuses = [];
    for (let i = 1; i <= MEASUREMENTS; i++) {
      const prefix = `LOAD0${i}`;
      await measureFilterChange(page, 'seller-search', prefix, `q=${prefix}`);
      statuses.push(await measureFilterChange(page, 'filter-status', i % 2 ? 'active' : 'disabled', `q=${prefix}&status=${i % 2 ? 'active' : 'disabled'}`));
      await measureFilterChange(page, 'filter-status', '', `q=${prefix}`);
    }
    for (const [what, times] of [['search', searches], ['status', statuses]]) {
      for (const ms of times) console.log(`e2e: sellers filter change with ${LOAD_SELLERS} sellers: ${Math.round(ms)} ms (goal < ${FILTER_GOAL_MS} ms)`);
      const middle = median(times);
      console.log(`e2e: ${what} changes: median ${Math.round(middle)} ms`);
      if (middle >= FILTER_GOAL_MS) throw new Error(`${what} changes took a median ${Math.round(middle)} ms`);
    }
  });

  if (pageErrors.length > 0) throw new Error(`uncaught page errors: ${pageErrors.join(' | ')}`);
  await context.close();
}

if (!API_KEY || !ADMIN_KEY) {
  console.error('e2e: FAILED: set E2E_API_KEY (a Demo tenant key) and E2E_ADMIN_KEY (an admin key), as ops/run prints them');
  process.exit(1);
}
let browser;
try {
  current = 'launch Chromium';
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-gpu', '--disable-component-update', '--disable-sync', '--no-first-run'],
    headless: true,
    timeout: TIMEOUT_MS,
  });
  await run(browser);
} catch (error) {
  console.error(`e2e: FAILED: ${current}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await browser?.close().catch(() => {});
}
