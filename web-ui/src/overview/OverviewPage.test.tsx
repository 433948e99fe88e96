import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Overview } from '../api/overview';
import { jsonResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { seller } from '../testing/sellers';

function overview(throttles: number): Overview {
  return {
    sellers: { total: 50, active: 48, reauthRequired: 1, disabled: 1, tokenErrors: 0 },
    now: { callsPerSecond: 3.2, throttles, quotaWaitP99Ms: 12 },
    lastHour: { calls: 1200, throttles, quotaWaitP99Ms: null },
    history: {
      slotSeconds: 10,
      points: [
        { at: '2026-12-06T16:00:00Z', calls: 30, callsPerSecond: 3, throttles: 0, quotaWaitP99Ms: null },
        { at: '2026-12-06T16:00:10Z', calls: 32, callsPerSecond: 3.2, throttles, quotaWaitP99Ms: 12 },
      ],
    },
  };
}

const figure = (testId: string) => screen.getByTestId(`${testId}-value`).textContent;

describe('overview page', () => {
  it('shows the figures, sellers by status linked to the filtered list, and charts', async () => {
    renderConsole({
      routes: {
        'GET /v1/overview': () => jsonResponse(200, overview(0)),
        'GET /v1/sellers': () => jsonResponse(200, { items: [seller(1)] }),
      },
    });
    await screen.findByTestId('calls-per-second');
    expect(figure('calls-per-second')).toBe('3.2');
    expect(figure('quota-wait')).toBe('12 ms');
    expect(screen.getByTestId('quota-wait').textContent).toContain('Last hour: no calls');
    expect(figure('throttles')).toBe('0');
    expect(screen.getByTestId('throttles').textContent).toContain('Should be 0');
    expect(screen.queryByTestId('throttle-warning')).toBeNull();
    expect(within(screen.getByTestId('sellers-reauth')).getByRole('link').getAttribute('href')).toBe('/sellers?status=reauth_required');
    expect(screen.getByRole('img', { name: /Calls per second over the last hour: from 3 to 3.2/ })).toBeTruthy();
  });

  it('warns when Amazon throttled', async () => {
    renderConsole({
      routes: {
        'GET /v1/overview': () => jsonResponse(200, overview(4)),
        'GET /v1/sellers': () => jsonResponse(200, { items: [seller(1)] }),
      },
    });
    expect((await screen.findByTestId('throttle-warning')).textContent).toBe('Should be 0: Amazon answered 429 4 times in the last hour.');
    expect(screen.getByTestId('throttles').className).toContain('figure--alarm');
  });

  it('tells a tenant without sellers to connect one, and one with sellers how to try a call', async () => {
    const empty = renderConsole({
      routes: { 'GET /v1/overview': () => jsonResponse(200, overview(0)), 'GET /v1/sellers': () => jsonResponse(200, { items: [] }) },
    });
    expect(await screen.findByRole('button', { name: 'Connect your first seller' })).toBeTruthy();
    expect(empty.gateway.to('/v1/sellers')[0]?.url.searchParams.get('limit')).toBe('1');
    empty.unmount();

    const first = seller(1, { marketplaceIds: ['A2EUQ1WTGCTBG2'] });
    renderConsole({
      routes: { 'GET /v1/overview': () => jsonResponse(200, overview(0)), 'GET /v1/sellers': () => jsonResponse(200, { items: [first] }) },
    });
    const call = await screen.findByTestId('try-a-call');
    expect(call.textContent).toContain(
      `/v1/sellers/${first.id}/sp-api/orders/v0/orders?MarketplaceIds=A2EUQ1WTGCTBG2&CreatedAfter=2024-01-01T00:00:00Z`,
    );
    expect(screen.getByRole('link', { name: 'See all sellers' }).getAttribute('href')).toBe('/sellers');
  });
});
