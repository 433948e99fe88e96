import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Order } from '../api/orders';
import { deferred, jsonResponse, problemResponse, type Responder } from '../testing/fakeFetch';
import { ORDER_SELLER_ID, order, orderEvent, orderItem, shipment } from '../testing/orders';
import { renderConsole } from '../testing/renderConsole';
import { seller } from '../testing/sellers';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const NO_EVENTS = { 'GET /v1/events': () => jsonResponse(200, { items: [], next: 'c0', hasMore: false }) };
const SELLER = { [`GET /v1/sellers/${ORDER_SELLER_ID}`]: () => jsonResponse(200, seller(5)) };

function routesFor(shown: () => Order, more: Record<string, Responder> = {}) {
  return { ...SELLER, ...NO_EVENTS, [`GET /v1/orders/${shown().id}`]: () => jsonResponse(200, shown()), ...more };
}

describe('order page', () => {
  it('shows the order’s facts, items, totals, shipments and its events', async () => {
    const shown = order(1, { status: 'partially_shipped', items: [orderItem(1, { quantityShipped: 2 }), orderItem(2, { quantity: 1 })], shipments: [shipment(1)], version: 3 });
    const console = renderConsole({
      path: `/orders/${shown.id}`,
      routes: routesFor(() => shown, {
        'GET /v1/events': (_, url) =>
          url.searchParams.get('after') === null
            ? jsonResponse(200, { items: [orderEvent(2, shown, 'order.created')], next: 'c2', hasMore: true })
            : jsonResponse(200, { items: [orderEvent(3, { ...shown, status: 'partially_shipped', version: 3 })], next: 'c3', hasMore: false }),
      }),
    });

    expect(await screen.findByRole('heading', { level: 1, name: `Order ${shown.amazonOrderId}` })).toBeTruthy();
    expect(screen.getByTestId('order-status').dataset.status).toBe('partially_shipped');
    expect(screen.getByTestId('order-total').textContent).toBe('$59.97');
    const item = within(screen.getByTestId('order-item-OI-1'));
    expect(item.getByRole('rowheader').textContent).toBe('SKU-1');
    expect(item.getAllByRole('cell').map((c) => c.textContent)).toEqual(['B000000001', 'Thing 1', '2', '2', '$19.99']);
    expect(within(screen.getByTestId('order-item-OI-2')).getAllByRole('cell')[3]?.textContent).toBe('0 (1 left)');
    expect(screen.getByTestId('order-items-summary').textContent).toBe('2 items, 3 units; total $59.97');
    const row = within(screen.getByTestId(`shipment-row-${shipment(1).id}`));
    expect(row.getByRole('rowheader').textContent).toBe('1Z1');
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toContain('2 × SKU-1');
    expect(screen.getByTestId(`shipment-status-${shipment(1).id}`).dataset.status).toBe('confirmed');

    await screen.findByTestId('order-event-3');
    expect(screen.getByTestId('order-event-2').dataset.type).toBe('order.created');
    expect(screen.getByTestId('order-event-3').textContent).toContain('partially shipped · version 3');
    const asked = console.gateway.to('/v1/events').map((r) => r.url.searchParams);
    expect(asked.map((p) => p.get('type'))).toEqual(['order.created,order.changed,order.shipped', 'order.created,order.changed,order.shipped']);
    expect(asked.map((p) => p.get('after'))).toEqual([null, 'c2']);
    expect(asked.map((p) => `${p.get('resourceType')}/${p.get('resourceId')}`)).toEqual([`order/${shown.id}`, `order/${shown.id}`]);
    expect(screen.queryByTestId('order-events-partial')).toBeNull();
    // Only the remaining item is offered, with what is left of it.
    expect((screen.getByLabelText('SKU-1 (0 of 2 left)') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('SKU-2 (1 of 1 left)') as HTMLInputElement).value).toBe('1');
  });

  it('offers no shipment form for an order Amazon ships, or one shipped already', async () => {
    const fba = order(2, { fulfillment: 'FBA', shipments: [] });
    renderConsole({ path: `/orders/${fba.id}`, routes: routesFor(() => fba) });
    expect((await screen.findByTestId('order-shipments-empty')).textContent).toBe('Amazon ships this order; its shipments are not confirmed here.');
    expect(screen.queryByTestId('confirm-shipment')).toBeNull();
  });

  it('checks the form before anything is sent, next to each field', async () => {
    const shown = order(1, { shipments: [] });
    const console = renderConsole({ path: `/orders/${shown.id}`, routes: routesFor(() => shown) });
    const form = within(await screen.findByTestId('confirm-shipment'));
    fireEvent.click(form.getByRole('button', { name: 'Confirm shipment' }));
    expect((await form.findByTestId('shipment-carrier-error')).textContent).toBe('Choose the carrier.');
    expect(form.getByTestId('shipment-tracking-error').textContent).toBe('Enter the tracking number.');

    fireEvent.change(form.getByLabelText('Carrier'), { target: { value: 'Other' } });
    fireEvent.change(form.getByLabelText('Tracking number'), { target: { value: 'AC-1' } });
    fireEvent.change(form.getByLabelText('SKU-1 (2 of 2 left)'), { target: { value: '3' } });
    fireEvent.click(form.getByRole('button', { name: 'Confirm shipment' }));
    expect((await form.findByTestId('shipment-carrier-name-error')).textContent).toBe("Enter the carrier's name.");
    expect(form.getByTestId('shipment-qty-OI-1-error').textContent).toBe('At most 2: the units left to ship.');
    expect(form.getByLabelText('Carrier name').getAttribute('aria-invalid')).toBe('true');

    fireEvent.change(form.getByLabelText('SKU-1 (2 of 2 left)'), { target: { value: '0' } });
    fireEvent.change(form.getByLabelText('SKU-2 (1 of 1 left)'), { target: { value: '0' } });
    fireEvent.change(form.getByLabelText('Carrier name'), { target: { value: 'Acme' } });
    fireEvent.click(form.getByRole('button', { name: 'Confirm shipment' }));
    expect((await form.findByTestId('shipment-items-error')).textContent).toBe('Ship at least one unit.');
    expect(form.queryByTestId('shipment-carrier-name-error')).toBeNull();
    expect(console.gateway.to(`/v1/orders/${shown.id}/shipments`)).toHaveLength(0);
  });

  it('sends one Idempotency-Key per shipment: the same on a retry of it, a new one once the form changed', async () => {
    let shown = order(1, { shipments: [] });
    const answers = [problemResponse(503, 'postgres_busy'), problemResponse(503, 'postgres_busy'), jsonResponse(201, shipment(7, { trackingNumber: '1Z-NEW' }))];
    const third = deferred<Response>();
    let posts = 0;
    const console = renderConsole({
      path: `/orders/${order(1).id}`,
      routes: routesFor(() => shown, {
        [`POST /v1/orders/${order(1).id}/shipments`]: () => {
          posts++;
          if (posts < 3) return answers[posts - 1] as Response;
          shown = order(1, { status: 'shipped', version: 2, items: shown.items.map((i) => ({ ...i, quantityShipped: i.quantity })), shipments: [shipment(7, { trackingNumber: '1Z-NEW' })] });
          return third.promise;
        },
      }),
    });
    const form = within(await screen.findByTestId('confirm-shipment'));
    fireEvent.change(form.getByLabelText('Carrier'), { target: { value: 'UPS' } });
    fireEvent.change(form.getByLabelText('Tracking number'), { target: { value: '1Z-OLD' } });
    fireEvent.click(form.getByRole('button', { name: 'Confirm shipment' }));
    expect((await form.findByTestId('error-notice')).textContent).toContain('The gateway is busy. Try again in a moment.');

    // Retry of the same shipment: the Retry button of the refusal.
    fireEvent.click(form.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(posts).toBe(2));
    await waitFor(() => expect(form.getByRole('button', { name: 'Confirm shipment' })).toBeTruthy());
    // Another tracking number is another shipment.
    fireEvent.change(form.getByLabelText('Tracking number'), { target: { value: '1Z-NEW' } });
    fireEvent.click(form.getByRole('button', { name: 'Confirm shipment' }));
    await waitFor(() => expect(posts).toBe(3));
    third.resolve(jsonResponse(201, shipment(7, { trackingNumber: '1Z-NEW' })));

    expect((await screen.findByTestId('shipment-confirmed')).textContent).toBe('Shipment confirmed: UPS 1Z-NEW.');
    await waitFor(() => expect(screen.getByTestId('order-status').dataset.status).toBe('shipped'));
    expect(screen.queryByTestId('confirm-shipment')).toBeNull();
    await screen.findByTestId(`shipment-row-${shipment(7).id}`);

    const sent = console.gateway.to(`/v1/orders/${order(1).id}/shipments`, 'POST');
    const keys = sent.map((r) => r.headers['Idempotency-Key']);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).toMatch(UUID);
    expect(keys[2]).not.toBe(keys[0]);
    expect(sent[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
    expect(sent[0]?.body).toEqual({ carrierCode: 'UPS', trackingNumber: '1Z-OLD', items: [{ orderItemId: 'OI-1', quantity: 2 }, { orderItemId: 'OI-2', quantity: 1 }] });
    expect(sent[2]?.body).toEqual({ carrierCode: 'UPS', trackingNumber: '1Z-NEW', items: [{ orderItemId: 'OI-1', quantity: 2 }, { orderItemId: 'OI-2', quantity: 1 }] });
  });

  it('shows the gateway’s refusal: an unknown carrier code with the codes it knows', async () => {
    const shown = order(1, { shipments: [] });
    renderConsole({
      path: `/orders/${shown.id}`,
      routes: routesFor(() => shown, {
        [`POST /v1/orders/${shown.id}/shipments`]: () =>
          problemResponse(400, 'carrier_code_unknown', "'carrierCode' UPS is not one Amazon lists; send \"Other\". Known codes: DHL, UPS."),
      }),
    });
    const form = within(await screen.findByTestId('confirm-shipment'));
    fireEvent.change(form.getByLabelText('Carrier'), { target: { value: 'UPS' } });
    fireEvent.change(form.getByLabelText('Tracking number'), { target: { value: '1Z' } });
    fireEvent.click(form.getByRole('button', { name: 'Confirm shipment' }));
    expect((await form.findByTestId('error-notice')).textContent).toContain('Known codes: DHL, UPS.');
  });

  it('says when the order does not exist', async () => {
    renderConsole({ path: '/orders/40000000-0000-4000-8000-00000000dead', routes: { 'GET /v1/orders/40000000-0000-4000-8000-00000000dead': () => problemResponse(404, 'not_found', 'Order 4000… does not exist.') } });
    expect((await screen.findByTestId('error-notice')).textContent).toContain('does not exist');
  });
});
