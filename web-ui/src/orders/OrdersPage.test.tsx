import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { ORDER_SELLER_ID, order } from '../testing/orders';
import { renderConsole } from '../testing/renderConsole';
import { seller } from '../testing/sellers';

afterEach(() => vi.useRealTimers());

const SELLER = seller(5, { marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2'] });
const SELLERS = {
  'GET /v1/sellers': () => jsonResponse(200, { items: [SELLER] }),
  [`GET /v1/sellers/${ORDER_SELLER_ID}`]: () => jsonResponse(200, SELLER),
};

describe('orders page', () => {
  it('lists every channel’s orders with status, seller, units and total, each linked to its page', async () => {
    const unshipped = order(1);
    const shipped = order(2, { status: 'shipped', fulfillment: 'FBA', total: { amount: '5.00', currency: 'USD' }, items: [] });
    const console = renderConsole({ path: '/orders', routes: { ...SELLERS, 'GET /v1/orders': () => jsonResponse(200, { items: [unshipped, shipped] }) } });

    const row = within(await screen.findByTestId(`order-row-${unshipped.id}`));
    expect(screen.getByTestId(`order-status-${unshipped.id}`).dataset.status).toBe('unshipped');
    expect(screen.getByTestId(`order-status-${shipped.id}`).dataset.status).toBe('shipped');
    expect(row.getByRole('link', { name: unshipped.amazonOrderId }).getAttribute('href')).toBe(`/orders/${unshipped.id}`);
    expect(await row.findByText(SELLER.sellingPartnerId)).toBeTruthy();
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toContain('$59.97');
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toContain('3');
    expect(screen.getByTestId('order-count').textContent).toBe('2 orders loaded');
    expect(console.gateway.to('/v1/orders')[0]?.url.search).toBe('?limit=100');
  });

  it('builds the query from the filters: status, seller, the seller’s marketplace as its channel, changed after', async () => {
    const console = renderConsole({ path: '/orders', routes: { ...SELLERS, 'GET /v1/orders': () => jsonResponse(200, { items: [] }) } });
    expect((await screen.findByTestId('orders-empty')).textContent).toContain('No orders yet');
    const asked = () => console.gateway.to('/v1/orders').at(-1)?.url.searchParams;
    expect((screen.getByLabelText('Marketplace') as HTMLSelectElement).disabled).toBe(true);

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'partially_shipped' } });
    await waitFor(() => expect(asked()?.get('status')).toBe('partially_shipped'));
    expect(console.location()).toBe('/orders?status=partially_shipped');
    expect((await screen.findByTestId('orders-empty')).dataset.resultsFor).toBe('status=partially_shipped');

    // A seller chosen from the picker keeps the status.
    fireEvent.click(await screen.findByRole('link', { name: SELLER.sellingPartnerId }));
    await waitFor(() => expect(asked()?.get('sellerId')).toBe(ORDER_SELLER_ID));
    expect(asked()?.get('status')).toBe('partially_shipped');
    await waitFor(() => expect(screen.getByTestId('order-seller').textContent).toContain(SELLER.sellingPartnerId));

    const marketplace = screen.getByLabelText('Marketplace') as HTMLSelectElement;
    expect(marketplace.disabled).toBe(false);
    await waitFor(() => expect(Array.from(marketplace.options).map((o) => o.value)).toEqual(['', 'ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2']));
    fireEvent.change(marketplace, { target: { value: 'A2EUQ1WTGCTBG2' } });
    await waitFor(() => expect(asked()?.get('channelId')).toBe(`${ORDER_SELLER_ID}.A2EUQ1WTGCTBG2`));
    // The channel names its seller: both would only be refused if they differed.
    expect(asked()?.has('sellerId')).toBe(false);

    fireEvent.change(screen.getByLabelText('Changed after'), { target: { value: '2026-12-01T10:00' } });
    const expected = new Date('2026-12-01T10:00').toISOString();
    await waitFor(() => expect(asked()?.get('updatedAfter')).toBe(expected));
    expect(asked()?.get('limit')).toBe('100');
    expect((screen.getByLabelText('Changed after') as HTMLInputElement).value).toBe('2026-12-01T10:00');

    fireEvent.click(screen.getByRole('button', { name: "show every seller's" }));
    await waitFor(() => expect(asked()?.has('channelId')).toBe(false));
    expect(asked()?.has('sellerId')).toBe(false);
    expect(asked()?.get('status')).toBe('partially_shipped');
  });

  it('opens on a channel’s link: the channel is asked for, its seller shown', async () => {
    const channelId = `${ORDER_SELLER_ID}.ATVPDKIKX0DER`;
    const console = renderConsole({ path: `/orders?channelId=${channelId}`, routes: { ...SELLERS, 'GET /v1/orders': () => jsonResponse(200, { items: [order(1)] }) } });
    await screen.findByTestId(`order-row-${order(1).id}`);
    expect(console.gateway.to('/v1/orders')[0]?.url.searchParams.get('channelId')).toBe(channelId);
    await waitFor(() => expect(screen.getByTestId('order-seller').textContent).toContain(SELLER.sellingPartnerId));
    await waitFor(() => expect((screen.getByLabelText('Marketplace') as HTMLSelectElement).value).toBe('ATVPDKIKX0DER'));
  });

  it('follows new changes: the list is asked for again every 5 s', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    let answer = [order(1)];
    const console = renderConsole({ path: '/orders', routes: { ...SELLERS, 'GET /v1/orders': () => jsonResponse(200, { items: answer }) } });
    await screen.findByTestId(`order-row-${order(1).id}`);
    answer = [order(1), order(2)];
    await act(() => vi.advanceTimersByTimeAsync(5_000));
    await screen.findByTestId(`order-row-${order(2).id}`);
    expect(console.gateway.to('/v1/orders').length).toBeGreaterThanOrEqual(2);
  });

  it('shows the gateway’s refusal from its problem+json detail', async () => {
    renderConsole({
      path: '/orders?status=unshipped',
      routes: { ...SELLERS, 'GET /v1/orders': () => problemResponse(400, 'validation_failed', "'updatedAfter' must be an ISO-8601 time with its offset.") },
    });
    expect((await screen.findByTestId('error-notice')).textContent).toContain("'updatedAfter' must be an ISO-8601 time with its offset.");
  });
});
