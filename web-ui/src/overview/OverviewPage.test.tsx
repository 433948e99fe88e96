import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Overview } from '../api/overview';
import { jsonResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { seller } from '../testing/sellers';

function overview(throttles: number, { calls = 1200, tokenFailures = [0, 0] }: { calls?: number; tokenFailures?: [number, number] } = {}): Overview {
  const failed = tokenFailures[0] + tokenFailures[1];
  return {
    sellers: { total: 50, active: 48, reauthRequired: 1, disabled: 1, tokenErrors: 0 },
    now: { callsPerSecond: 3.2, throttles, tokenFailures: tokenFailures[1], quotaWaitP99Ms: 12 },
    lastHour: { calls, throttles, tokenFailures: failed, quotaWaitP99Ms: null },
    history: {
      slotSeconds: 10,
      points: [
        { at: '2026-12-06T16:00:00Z', calls: 0, callsPerSecond: 0, throttles: 0, tokenFailures: tokenFailures[0], quotaWaitP99Ms: null },
        { at: '2026-12-06T16:00:10Z', calls: 32, callsPerSecond: 3.2, throttles, tokenFailures: tokenFailures[1], quotaWaitP99Ms: 12 },
        { at: '2026-12-06T16:00:20Z', calls: 0, callsPerSecond: 0, throttles: 0, tokenFailures: 0, quotaWaitP99Ms: null },
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
    expect(screen.getByRole('img', { name: /Calls per second over the last hour: from 0 to 3.2/ })).toBeTruthy();
    expect(screen.getByTestId('calls-per-second').textContent).toContain('1,200 calls in the last hour');
  });

  it('charts quota wait even when one slot alone had calls', async () => {
    renderConsole({
      routes: {
        'GET /v1/overview': () => jsonResponse(200, overview(0)),
        'GET /v1/sellers': () => jsonResponse(200, { items: [seller(1)] }),
      },
    });
    const wait = await screen.findByTestId('quota-wait');
    expect(within(wait).getByRole('img').getAttribute('aria-label')).toBe('Quota wait p99 in milliseconds over the last hour: from 12 to 12');
    // Slots without calls are gaps; the one with calls is drawn.
    expect(wait.querySelectorAll('.sparkline__dot')).toHaveLength(1);
  });

  it('charts failed token refreshes, quiet at 0 and highlighted once one failed, in the singular', async () => {
    const quiet = renderConsole({
      routes: { 'GET /v1/overview': () => jsonResponse(200, overview(0)), 'GET /v1/sellers': () => jsonResponse(200, { items: [seller(1)] }) },
    });
    const calm = await screen.findByTestId('token-failures');
    expect(figure('token-failures')).toBe('0');
    expect(calm.textContent).toContain('0 failed refreshes in the last hour');
    expect(calm.className).not.toContain('figure--alarm');
    expect(within(calm).getByRole('img').getAttribute('aria-label')).toBe('Failed token refreshes per 10 s over the last hour: from 0 to 0');
    expect(calm.querySelector('.recharts-line-curve')?.getAttribute('d')).toMatch(/^M/);
    quiet.unmount();

    renderConsole({
      routes: {
        'GET /v1/overview': () => jsonResponse(200, overview(1, { calls: 1, tokenFailures: [1, 0] })),
        'GET /v1/sellers': () => jsonResponse(200, { items: [seller(1)] }),
      },
    });
    const failing = await screen.findByTestId('token-failures');
    expect(figure('token-failures')).toBe('1');
    expect(failing.textContent).toContain('1 failed refresh in the last hour');
    expect(failing.className).toContain('figure--alarm');
    expect(within(failing).getByRole('img').getAttribute('aria-label')).toBe('Failed token refreshes per 10 s over the last hour: from 0 to 1');
    expect(failing.querySelector('.recharts-line-curve')?.getAttribute('stroke')).toBe('var(--bad-fg)');
    expect(screen.getByTestId('calls-per-second').textContent).toContain('1 call in the last hour');
    expect(screen.getByTestId('throttle-warning').textContent).toBe('Should be 0: Amazon answered 429 once in the last hour.');
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
