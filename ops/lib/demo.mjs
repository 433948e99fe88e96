// Helpers for ops/run's demo setup, driven by the simulator's credentials file.
//   node ops/lib/demo.mjs applications <credentials.json> <applications.json>
//       writes the gateway's SPGATE_APPLICATIONS_FILE for the simulator's applications
//   node ops/lib/demo.mjs sellers <credentials.json> <gatewayUrl> <adminKey> <demoKeyFile>
//       shares the simulator's applications with a "Demo" tenant, registers the demo sellers under
//       it (once) but the last UNCONNECTED, left to connect through the console's OAuth flow, keeps a key of the Demo tenant in <demoKeyFile> (made again when it no longer
//       works), maps every listing of each demo seller's first channel (read through the gateway's
//       pass-through, as a tenant would), and prints ops/run's lines about them: how many sellers,
//       the key, and a call to try
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [command, credentialsFile, ...rest] = process.argv.slice(2);
const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
const UNCONNECTED = 5;
const appId = (index) => (index === 0 ? 'demo' : `demo-${index + 1}`);

/**
 * One call of the gateway's API, sent again after Retry-After when the gateway refused it at the tenant's own limits
 * (429 tenant_concurrency_limit or tenant_rate_limit), as a well-behaved client does: the set-up sends many at once.
 */
async function api(base, key, method, path, body) {
  for (;;) {
    const response = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const answer = { status: response.status, body: text ? JSON.parse(text) : null };
    const retryAfter = Number(response.headers.get('retry-after'));
    if (answer.status !== 429 || !String(answer.body?.code).startsWith('tenant_') || !(retryAfter > 0)) return answer;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
  }
}

/**
 * Subscribes every demo seller to Amazon's notifications on the gateway's queue (once: Amazon's existing destination and
 * subscriptions are read back), so orders arrive by ORDER_CHANGE, and starts keeping their orders (polling as the safety
 * net); answers how many sellers' notifications are set up. A gateway that
 * reads no queue (SPGATE_NOTIFICATIONS_QUEUE_URL empty) answers 409 and polling alone keeps its orders.
 */
async function subscribeNotifications(base, key) {
  const sellers = (await api(base, key, 'GET', '/v1/sellers?limit=200')).body.items.filter((s) => s.status === 'active');
  // One seller after another: the destination is the application's, made once, and Amazon allows one a second.
  const answers = [];
  for (const seller of sellers) {
    answers.push(await api(base, key, 'POST', `/v1/sellers/${seller.id}/notifications`, {}));
  }
  const failed = answers.find((a) => a.status !== 200 && a.status !== 409);
  if (failed) throw new Error(`setting up notifications: ${JSON.stringify(failed.body)}`);
  // Their orders are kept from now on (the first poll reads the last day's).
  const synced = await Promise.all(sellers.map((seller) => api(base, key, 'POST', `/v1/sellers/${seller.id}/orders/sync`, {})));
  const notSynced = synced.find((a) => a.status !== 202);
  if (notSynced) throw new Error(`starting the order sync: ${JSON.stringify(notSynced.body)}`);
  return answers.filter((a) => a.status === 200).length;
}

/**
 * Maps the listings of each seller's first marketplace (a channel) once: ASIN and fulfillment as the
 * listing shows them, loose guardrails, so the console's Updates and Channels pages have SKUs to work on.
 */
async function mapListings(base, key) {
  let channels = 0;
  let skus = 0;
  let cursor = '';
  do {
    const page = (await api(base, key, 'GET', `/v1/channels?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).body;
    const firsts = page.items.filter((channel, index, all) => all.findIndex((c) => c.sellerId === channel.sellerId) === index);
    for (const channel of firsts) {
      if (channel.mappings > 0) {
        channels++;
        skus += channel.mappings;
        continue;
      }
      const rows = ['sku,asin,fulfillment,minPrice,maxPrice,stockBuffer'];
      let pageToken = '';
      do {
        const search = (await api(base, key, 'GET', `/v1/sellers/${channel.sellerId}/sp-api/listings/2021-08-01/items/`
          + `${channel.sellingPartnerId}?marketplaceIds=${channel.marketplaceId}&pageSize=20`
          + `&includedData=summaries,fulfillmentAvailability${pageToken ? `&pageToken=${encodeURIComponent(pageToken)}` : ''}`)).body;
        for (const item of search.items ?? []) {
          const code = item.fulfillmentAvailability?.[0]?.fulfillmentChannelCode ?? 'DEFAULT';
          const sku = /[",\n]/.test(item.sku) ? `"${item.sku.replaceAll('"', '""')}"` : item.sku;
          rows.push(`${sku},${item.summaries[0].asin},${code.startsWith('AMAZON') ? 'FBA' : 'MFN'},1,5000,1`);
        }
        pageToken = search.pagination?.nextToken ?? '';
      } while (pageToken);
      const imported = await fetch(`${base}/v1/channels/${channel.id}/mappings/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
        body: rows.join('\n') + '\n',
      });
      if (imported.status !== 200) throw new Error(`mapping ${channel.id}: ${imported.status} ${await imported.text()}`);
      channels++;
      skus += (await imported.json()).imported;
    }
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return { channels, skus };
}

if (command === 'applications') {
  const apps = credentials.applications.map((app, index) => ({ id: appId(index), ...app }));
  writeFileSync(rest[0], JSON.stringify(apps), { mode: 0o600 });
} else if (command === 'sellers') {
  const [base, key, demoKeyFile] = rest;
  const tenants = await api(base, key, 'GET', '/v1/tenants?limit=500');
  let demo = tenants.body.items.find((t) => t.name === 'Demo');
  if (!demo) {
    demo = (await api(base, key, 'POST', '/v1/tenants', { name: 'Demo' })).body;
  }
  // A tenant registers sellers only under the operator's applications shared with it.
  for (const index of credentials.applications.keys()) {
    const shared = await api(base, key, 'PUT', `/v1/applications/${appId(index)}/tenants/${demo.id}`);
    if (shared.status !== 204) throw new Error(`sharing ${appId(index)} with Demo: ${JSON.stringify(shared.body)}`);
  }
  const byClient = new Map(credentials.applications.map((app, index) => [app.clientId, appId(index)]));
  let registered = 0;
  const registering = credentials.sellers.slice(0, Math.max(1, credentials.sellers.length - UNCONNECTED));
  for (const seller of registering) {
    const created = await api(base, key, 'POST', `/v1/sellers?tenantId=${demo.id}`, {
      sellingPartnerId: seller.sellerId,
      application: byClient.get(seller.clientId),
      marketplaceIds: seller.marketplaceIds,
      refreshToken: seller.refreshToken,
    });
    if (created.status === 201) registered++;
    else if (created.status !== 409) throw new Error(`registering ${seller.sellerId}: ${JSON.stringify(created.body)}`);
  }
  // The tenant's own key, so a new user calls the API as a tenant does (an admin key needs ?tenantId= on seller routes).
  let demoKey = existsSync(demoKeyFile) ? readFileSync(demoKeyFile, 'utf8').trim() : '';
  if (!demoKey || (await api(base, demoKey, 'GET', '/v1/me')).status !== 200) {
    const made = await api(base, key, 'POST', `/v1/tenants/${demo.id}/keys`, { name: 'demo (ops/run)', scopes: ['tenant:write'] });
    if (made.status !== 201) throw new Error(`creating the Demo tenant's key: ${JSON.stringify(made.body)}`);
    demoKey = made.body.key;
    writeFileSync(demoKeyFile, demoKey + '\n', { mode: 0o600 });
  }
  const mapped = await mapListings(base, demoKey);
  const subscribed = await subscribeNotifications(base, demoKey);
  const orders = `${base}/v1/orders?limit=20`;
  console.log(`    sellers    ${registering.length} demo sellers in tenant Demo (${registered} new); `
    + `${credentials.sellers.length - registering.length} more to connect from the console (Sellers → Connect a seller)`);
  console.log(`    channels   ${mapped.channels} channels with ${mapped.skus} mapped SKUs (Channels, and Updates for price and stock jobs)`);
  console.log(`    orders     ${subscribed} sellers' notifications set up on the simulator's queue; the simulator places and ships`
    + ' orders as it runs (Orders, Notifications)');
  console.log(`    demo key   ${demoKey}   (tenant Demo, tenant:write; kept in ${demoKeyFile})`);
  console.log(`    try        curl -H 'Authorization: Bearer ${demoKey}' '${orders}'`);
} else {
  console.error('usage: demo.mjs applications|sellers ...');
  process.exit(2);
}
