import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { QuotaBucket } from '../api/quotas';
import { jsonResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { seller } from '../testing/sellers';

const SELLER = seller(5);

function bucket(operation: string, tokens: number, rateSource: QuotaBucket['rateSource'], overrides: Partial<QuotaBucket> = {}): QuotaBucket {
  return { operation, api: 'orders', method: 'GET', region: 'na', tokens, burst: 20, ratePerSecond: 0.0167, planRatePerSecond: 0.0167, rateSource, waiting: 0, ...overrides };
}

describe('quotas page', () => {
  it("shows each bucket with tokens now and the rate's source, following the gateway every second", async () => {
    let tokens = 20;
    const console = renderConsole({
      path: `/quotas?seller=${SELLER.id}`,
      routes: {
        [`GET /v1/sellers/${SELLER.id}`]: () => jsonResponse(200, SELLER),
        'GET /v1/quotas': () =>
          jsonResponse(200, { sellerId: SELLER.id, operations: [bucket('getOrders', tokens, 'table'), bucket('getOrder', 5, 'amazon')] }),
      },
    });
    expect((await screen.findByTestId('quota-tokens-getOrders')).textContent).toBe('20');
    expect(within(screen.getByTestId('quota-getOrders')).getByTestId('quota-source-getOrders').textContent).toBe('rate table');
    expect(screen.getByTestId('quota-source-getOrder').textContent).toBe("Amazon's x-amzn-RateLimit-Limit header");
    expect(console.gateway.to('/v1/quotas')[0]?.url.searchParams.get('sellerId')).toBe(SELLER.id);

    tokens = 17;
    await waitFor(() => expect(screen.getByTestId('quota-tokens-getOrders').textContent).toBe('17'), { timeout: 2500 });
  });

  it("shows small rates with their meaning, and the plan's rate where Amazon's differs", async () => {
    renderConsole({
      path: `/quotas?seller=${SELLER.id}`,
      routes: {
        [`GET /v1/sellers/${SELLER.id}`]: () => jsonResponse(200, SELLER),
        'GET /v1/quotas': () =>
          jsonResponse(200, {
            sellerId: SELLER.id,
            operations: [
              bucket('getOrders', 20, 'table'),
              bucket('getOrderItems', 20, 'amazon', { ratePerSecond: 0.5, planRatePerSecond: 0.0167 }),
              bucket('searchCatalogItems', 2, 'table', { ratePerSecond: 2, planRatePerSecond: 2 }),
            ],
          }),
      },
    });
    expect((await screen.findByTestId('quota-rate-getOrders')).textContent).toBe('0.0167/s · one every 60 s');
    expect(screen.queryByTestId('quota-plan-getOrders')).toBeNull();
    expect(screen.getByTestId('quota-rate-getOrderItems').textContent).toBe('0.5/s · one every 2 splan: 0.0167/s · one every 60 s');
    expect(screen.getByTestId('quota-plan-getOrderItems').textContent).toBe('plan: 0.0167/s · one every 60 s');
    expect(screen.getByTestId('quota-rate-searchCatalogItems').textContent).toBe('2/s');
  });

  it('says buckets appear after the first call, and shows the call to try', async () => {
    renderConsole({
      path: `/quotas?seller=${SELLER.id}`,
      routes: {
        [`GET /v1/sellers/${SELLER.id}`]: () => jsonResponse(200, SELLER),
        'GET /v1/quotas': () => jsonResponse(200, { sellerId: SELLER.id, operations: [] }),
      },
    });
    expect((await screen.findByTestId('empty-state')).textContent).toContain(
      'No calls yet for this seller: buckets appear after its first SP-API call',
    );
    expect((await screen.findByTestId('try-a-call')).textContent).toContain(`/v1/sellers/${SELLER.id}/sp-api/orders/v0/orders`);
  });
});
