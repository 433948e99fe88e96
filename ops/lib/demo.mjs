// Helpers for ops/run's demo setup, driven by the simulator's credentials file.
//   node ops/lib/demo.mjs applications <credentials.json> <applications.json>
//       writes the gateway's SPGATE_APPLICATIONS_FILE for the simulator's applications
//   node ops/lib/demo.mjs sellers <credentials.json> <gatewayUrl> <adminKey> <demoKeyFile>
//       shares the simulator's applications with a "Demo" tenant, registers the demo sellers under
//       it (once) but the last UNCONNECTED, left to connect through the console's OAuth flow, keeps a key of the Demo tenant in <demoKeyFile> (made again when it no longer
//       works), and prints ops/run's lines about them: how many sellers, the key, and a call to try
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [command, credentialsFile, ...rest] = process.argv.slice(2);
const credentials = JSON.parse(readFileSync(credentialsFile, 'utf8'));
const UNCONNECTED = 5;
const appId = (index) => (index === 0 ? 'demo' : `demo-${index + 1}`);

async function api(base, key, method, path, body) {
  const response = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
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
  const first = (await api(base, demoKey, 'GET', '/v1/sellers?limit=1')).body.items[0];
  const orders = `${base}/v1/sellers/${first.id}/sp-api/orders/v0/orders?MarketplaceIds=${first.marketplaceIds[0]}`
    + '&CreatedAfter=2024-01-01T00:00:00Z';
  console.log(`    sellers    ${registering.length} demo sellers in tenant Demo (${registered} new); `
    + `${credentials.sellers.length - registering.length} more to connect from the console (Sellers → Connect a seller)`);
  console.log(`    demo key   ${demoKey}   (tenant Demo, tenant:write; kept in ${demoKeyFile})`);
  console.log(`    try        curl -H 'Authorization: Bearer ${demoKey}' '${orders}'`);
} else {
  console.error('usage: demo.mjs applications|sellers ...');
  process.exit(2);
}
