import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { order, orderItem } from '../testing/orders';
import { CARRIER_CODES, isShippable, ordersQuery } from './orders';

// The gateway's own list, beside the console in the repository. (A path, not `new URL(…, import.meta.url)`: jsdom's URL is not Node's.)
const GATEWAY_CARRIER_CODES = resolve(dirname(fileURLToPath(import.meta.url)), '../../../gateway/src/main/resources/orders/carrier-codes.txt');

describe('orders client', () => {
  it("lists the carrier codes the gateway checks (its orders/carrier-codes.txt), Other among them", () => {
    const gateway = readFileSync(GATEWAY_CARRIER_CODES, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#'));
    expect([...CARRIER_CODES].sort()).toEqual([...gateway].sort());
    expect(CARRIER_CODES).toContain('Other');
  });

  it('asks by channel when one is chosen (it names its seller), else by seller', () => {
    const sellerId = '00000000-0000-4000-8000-000000000005';
    expect(ordersQuery({ sellerId, channelId: `${sellerId}.ATVPDKIKX0DER`, status: 'unshipped' })).toEqual({
      channelId: `${sellerId}.ATVPDKIKX0DER`,
      status: 'unshipped',
    });
    expect(ordersQuery({ sellerId, updatedAfter: '2026-12-01T10:00:00.000Z' })).toEqual({ sellerId, updatedAfter: '2026-12-01T10:00:00.000Z' });
    expect(ordersQuery({})).toEqual({});
  });

  it('offers a shipment only for merchant-fulfilled orders waiting to ship with units left', () => {
    expect(isShippable(order(1))).toBe(true);
    expect(isShippable(order(1, { status: 'partially_shipped' }))).toBe(true);
    expect(isShippable(order(1, { fulfillment: 'FBA' }))).toBe(false);
    expect(isShippable(order(1, { status: 'shipped' }))).toBe(false);
    expect(isShippable(order(1, { status: 'pending' }))).toBe(false);
    expect(isShippable(order(1, { status: 'partially_shipped', items: [orderItem(1, { quantity: 2, quantityShipped: 2 })] }))).toBe(false);
  });
});
