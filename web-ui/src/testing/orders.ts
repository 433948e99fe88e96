import type { SpgateEvent } from '../api/events';
import type { DeadLetter, SellerOrderSync } from '../api/notifications';
import type { Order, OrderItem, Shipment } from '../api/orders';

export const ORDER_SELLER_ID = '00000000-0000-4000-8000-000000000005';

/** An order item; `n` makes ids and SKUs distinct. */
export function orderItem(n: number, overrides: Partial<OrderItem> = {}): OrderItem {
  return {
    orderItemId: `OI-${n}`,
    sku: `SKU-${n}`,
    asin: `B00000000${n}`,
    title: `Thing ${n}`,
    quantity: 2,
    quantityShipped: 0,
    unitPrice: { amount: '19.99', currency: 'USD' },
    ...overrides,
  };
}

/** An order as the gateway answers it: MFN, unshipped, two items; `n` makes ids distinct. */
export function order(n: number, overrides: Partial<Order> = {}): Order {
  return {
    id: `40000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    amazonOrderId: `111-0000000-${String(n).padStart(7, '0')}`,
    sellerId: ORDER_SELLER_ID,
    channelId: `${ORDER_SELLER_ID}.ATVPDKIKX0DER`,
    marketplaceId: 'ATVPDKIKX0DER',
    status: 'unshipped',
    fulfillment: 'MFN',
    purchasedAt: '2026-12-06T10:00:00Z',
    lastUpdatedAt: '2026-12-06T10:05:00Z',
    shipBy: '2026-12-08T23:59:59Z',
    currency: 'USD',
    total: { amount: '59.97', currency: 'USD' },
    items: [orderItem(1), orderItem(2, { quantity: 1, unitPrice: { amount: '19.99', currency: 'USD' } })],
    version: 1,
    createdAt: '2026-12-06T10:06:00Z',
    updatedAt: '2026-12-06T10:06:00Z',
    ...overrides,
  };
}

export function shipment(n: number, overrides: Partial<Shipment> = {}): Shipment {
  return {
    id: `50000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    packageReferenceId: `P${n}`,
    carrierCode: 'UPS',
    carrierName: null,
    shippingMethod: null,
    trackingNumber: `1Z${n}`,
    shipDate: '2026-12-06T12:00:00Z',
    items: [{ orderItemId: 'OI-1', quantity: 2 }],
    status: 'confirmed',
    error: null,
    createdAt: '2026-12-06T12:00:01Z',
    confirmedAt: '2026-12-06T12:00:02Z',
    ...overrides,
  };
}

/** An event of the tenant's stream; an order's carries the order. */
export function orderEvent(id: number, of: Order, type: SpgateEvent['type'] = 'order.changed'): SpgateEvent {
  return { id: String(id), type, resourceType: 'order', resourceId: of.id, createdAt: '2026-12-06T10:06:00Z', data: { ...of } };
}

export function sync(n: number, overrides: Partial<SellerOrderSync> = {}): SellerOrderSync {
  return {
    sellerId: `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    sellingPartnerId: `A${String(n).padStart(6, '0')}`,
    notifications: 'healthy',
    since: '2026-12-06T09:00:00Z',
    lastNotificationAt: '2026-12-06T10:00:00Z',
    missedChanges: 0,
    checkpoint: '2026-12-06T09:55:00Z',
    lastPollAt: '2026-12-06T10:00:00Z',
    nextPollAt: '2026-12-06T10:03:00Z',
    lastError: null,
    ...overrides,
  };
}

export function deadLetter(n: number, overrides: Partial<DeadLetter> = {}): DeadLetter {
  return {
    id: `60000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`,
    notificationId: `notif-${n}`,
    type: 'ORDER_CHANGE',
    error: 'getOrder answered 500',
    receiveCount: 5,
    failedAt: '2026-12-06T10:00:00Z',
    replayedAt: null,
    body: '{"NotificationType":"ORDER_CHANGE"}',
    ...overrides,
  };
}
