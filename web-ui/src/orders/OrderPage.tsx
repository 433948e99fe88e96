import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { SpgateEvent } from '../api/events';
import { marketplaceLabel } from '../api/marketplaces';
import { isShippable, leftToShip, useOrder, useOrderEvents, type Order, type OrderMoney, type Shipment } from '../api/orders';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime, formatMoney, plural } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { SellerName } from '../sellers/SellerName';
import { useTenantLink } from '../session/tenant';
import { ConfirmShipmentForm } from './ConfirmShipmentForm';
import { OrderStatusBadge, ShipmentStatusBadge } from './OrderStatusBadge';
import { ORDER_STATUS_WORDS } from './words';

export function OrderPage() {
  return (
    <RequireTenant>
      <OrderView />
    </RequireTenant>
  );
}

/** One order: its facts, items and totals, shipments (and a form to confirm one while it can be), and its events. */
function OrderView() {
  const { orderId = '' } = useParams();
  const order = useOrder(orderId);
  const link = useTenantLink();
  const [confirmed, setConfirmed] = useState<Shipment | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to={link('/orders')}>← Orders</Link>
      </p>
      {order.isPending ? (
        <Loading>Loading the order…</Loading>
      ) : order.isError && !order.data ? (
        <>
          <h1 className="page-title">Order</h1>
          <ErrorNotice error={order.error} onRetry={() => order.refetch()} />
        </>
      ) : (
        <>
          <div className="page-head">
            <h1 className="page-title page-title--wrap">Order {order.data.amazonOrderId}</h1>
            <OrderStatusBadge status={order.data.status} testId="order-status" size="large" />
          </div>
          {order.isError && <ErrorNotice error={order.error} onRetry={() => order.refetch()} />}
          <section className="panel" aria-label="Order details">
            <OrderDetails order={order.data} />
          </section>
          <ItemsPanel order={order.data} />
          <ShipmentsPanel order={order.data} confirmed={confirmed} />
          {isShippable(order.data) && (
            <section className="panel">
              <ConfirmShipmentForm order={order.data} onConfirmed={setConfirmed} />
            </section>
          )}
          <EventsPanel order={order.data} />
        </>
      )}
    </>
  );
}

function money(value: OrderMoney | null, order: Order): string {
  return value ? formatMoney(value.amount, value.currency ?? order.currency ?? '') : '—';
}

function OrderDetails({ order }: { readonly order: Order }) {
  return (
    <dl className="details">
      <dt>Seller</dt>
      <dd>
        <SellerName sellerId={order.sellerId} />
      </dd>
      <dt>Marketplace</dt>
      <dd>{order.marketplaceId ? `${marketplaceLabel(order.marketplaceId)} (${order.marketplaceId})` : '—'}</dd>
      <dt>Fulfillment</dt>
      <dd>{order.fulfillment === 'FBA' ? 'FBA: Amazon ships it' : 'MFN: the seller ships it'}</dd>
      <dt>Purchased</dt>
      <dd>{formatDateTime(order.purchasedAt)}</dd>
      <dt>Ship by</dt>
      <dd>{order.shipBy ? formatDateTime(order.shipBy) : '—'}</dd>
      <dt>Total</dt>
      <dd data-testid="order-total">{money(order.total, order)}</dd>
      <dt>Changed at Amazon</dt>
      <dd>{formatDateTime(order.lastUpdatedAt)}</dd>
      <dt>Kept by spgate</dt>
      <dd>
        {formatDateTime(order.createdAt)}; last changed {formatDateTime(order.updatedAt)} (version {order.version})
      </dd>
      <dt>Order id</dt>
      <dd>
        <code>{order.id}</code>
      </dd>
    </dl>
  );
}

function ItemsPanel({ order }: { readonly order: Order }) {
  const units = order.items.reduce((sum, item) => sum + item.quantity, 0);
  return (
    <section className="panel" aria-labelledby="order-items-heading">
      <h2 id="order-items-heading">Items</h2>
      <div className="table-scroller table-scroller--auto" role="region" aria-label="Items of the order" tabIndex={0}>
        <table className="data-table data-table--sticky-first" data-testid="order-items">
          <thead>
            <tr>
              <th scope="col">SKU</th>
              <th scope="col">ASIN</th>
              <th scope="col">Title</th>
              <th scope="col">Quantity</th>
              <th scope="col">Shipped</th>
              <th scope="col">Unit price</th>
            </tr>
          </thead>
          <tbody>
            {order.items.map((item) => (
              <tr key={item.orderItemId} data-testid={`order-item-${item.orderItemId}`}>
                <th scope="row">{item.sku ?? <span className="muted">{item.orderItemId}</span>}</th>
                <td>{item.asin ? <code>{item.asin}</code> : '—'}</td>
                <td>{item.title ?? '—'}</td>
                <td>{item.quantity}</td>
                <td>
                  {item.quantityShipped}
                  {order.fulfillment === 'MFN' && leftToShip(item) > 0 && <span className="muted"> ({leftToShip(item)} left)</span>}
                </td>
                <td>{money(item.unitPrice, order)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="muted" data-testid="order-items-summary">
        {plural(order.items.length, 'item')}, {plural(units, 'unit')}; total {money(order.total, order)}
      </p>
    </section>
  );
}

function ShipmentsPanel({ order, confirmed }: { readonly order: Order; readonly confirmed: Shipment | null }) {
  const shipments = order.shipments ?? [];
  const skuOf = (orderItemId: string) => order.items.find((item) => item.orderItemId === orderItemId)?.sku ?? orderItemId;
  return (
    <section className="panel" aria-labelledby="order-shipments-heading">
      <h2 id="order-shipments-heading">Shipments</h2>
      {confirmed && (
        <p className="notice" role="status" data-testid="shipment-confirmed">
          Shipment confirmed: {confirmed.carrierName ?? confirmed.carrierCode} {confirmed.trackingNumber}.
        </p>
      )}
      {shipments.length === 0 ? (
        <p className="muted" data-testid="order-shipments-empty">
          {order.fulfillment === 'FBA' ? 'Amazon ships this order; its shipments are not confirmed here.' : 'No shipment confirmed yet.'}
        </p>
      ) : (
        <div className="table-scroller table-scroller--auto" role="region" aria-label="Shipments of the order" tabIndex={0}>
          <table className="data-table data-table--sticky-first" data-testid="order-shipments">
            <thead>
              <tr>
                <th scope="col">Tracking number</th>
                <th scope="col">Carrier</th>
                <th scope="col">Shipped</th>
                <th scope="col">Units</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {shipments.map((shipment) => (
                <tr key={shipment.id} data-testid={`shipment-row-${shipment.id}`}>
                  <th scope="row">
                    <code>{shipment.trackingNumber}</code>
                  </th>
                  <td>
                    {shipment.carrierName ? `${shipment.carrierName} (Other)` : shipment.carrierCode}
                    {shipment.shippingMethod && <span className="muted"> · {shipment.shippingMethod}</span>}
                  </td>
                  <td>{formatDateTime(shipment.shipDate)}</td>
                  <td>{shipment.items.map((item) => `${item.quantity} × ${skuOf(item.orderItemId)}`).join(', ')}</td>
                  <td>
                    <ShipmentStatusBadge status={shipment.status} testId={`shipment-status-${shipment.id}`} />
                    {shipment.error && <div className="cell--error">{shipment.error}</div>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** What an order event says: its status and version as the event carries the order. */
function eventSummary(event: SpgateEvent): string {
  const status = event.data.status;
  const version = event.data.version;
  const parts: string[] = [];
  if (typeof status === 'string') parts.push(ORDER_STATUS_WORDS[status as Order['status']] ?? status);
  if (typeof version === 'number') parts.push(`version ${version}`);
  return parts.join(' · ');
}

function EventsPanel({ order }: { readonly order: Order }) {
  const events = useOrderEvents(order.id, order.version);
  return (
    <section className="panel" aria-labelledby="order-events-heading" data-testid="order-events">
      <h2 id="order-events-heading">Events</h2>
      {events.isPending ? (
        <Loading>Looking for the order's events…</Loading>
      ) : events.isError ? (
        <ErrorNotice error={events.error} onRetry={() => events.refetch()} />
      ) : (
        <>
          {events.data.events.length === 0 ? (
            <EmptyState>
              <span data-testid="order-events-empty">No event of this order was found.</span>
            </EmptyState>
          ) : (
            <ol className="notes" aria-label="Events of the order">
              {events.data.events.map((event) => (
                <li key={event.id} data-testid={`order-event-${event.id}`} data-type={event.type}>
                  <code>{event.type}</code> {formatDateTime(event.createdAt)}
                  {eventSummary(event) !== '' && <span className="muted"> · {eventSummary(event)}</span>}
                </li>
              ))}
            </ol>
          )}
          {!events.data.complete && (
            <p className="muted small" data-testid="order-events-partial">
              Only the first {events.data.scanned.toLocaleString('en')} events of this order are shown; later ones are not.
            </p>
          )}
        </>
      )}
    </section>
  );
}
