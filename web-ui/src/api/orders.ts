/**
 * Orders (issue 21): every channel's orders in one shape (`/v1/orders`), one order with its shipments,
 * and shipment confirmations of merchant-fulfilled orders (`POST /v1/orders/{id}/shipments`, under an
 * Idempotency-Key). An order's events come from the tenant's event stream (`events.ts`).
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import { useResourceEvents, type EventType } from './events';
import type { Page } from './sellers';

export const ORDER_STATUSES = ['pending_availability', 'pending', 'unshipped', 'partially_shipped', 'shipped', 'cancelled', 'unfulfillable'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** The statuses in which the seller may confirm a shipment of a merchant-fulfilled order. */
export const SHIPPABLE_STATUSES: readonly OrderStatus[] = ['unshipped', 'partially_shipped'];

export interface OrderMoney {
  /** A decimal as Amazon wrote it. */
  readonly amount: string | number;
  readonly currency: string | null;
}

export interface OrderItem {
  readonly orderItemId: string;
  readonly sku: string | null;
  readonly asin: string | null;
  readonly title: string | null;
  readonly quantity: number;
  readonly quantityShipped: number;
  readonly unitPrice: OrderMoney | null;
}

export const SHIPMENT_STATUSES = ['confirming', 'confirmed', 'failed'] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

export interface ShipmentItem {
  readonly orderItemId: string;
  readonly quantity: number;
}

export interface Shipment {
  readonly id: string;
  readonly packageReferenceId: string;
  readonly carrierCode: string;
  readonly carrierName: string | null;
  readonly shippingMethod: string | null;
  readonly trackingNumber: string;
  readonly shipDate: string;
  readonly items: readonly ShipmentItem[];
  readonly status: ShipmentStatus;
  readonly error: string | null;
  readonly createdAt: string;
  readonly confirmedAt: string | null;
}

export interface Order {
  readonly id: string;
  readonly amazonOrderId: string;
  readonly sellerId: string;
  readonly channelId: string | null;
  readonly marketplaceId: string | null;
  readonly status: OrderStatus;
  readonly fulfillment: 'FBA' | 'MFN';
  readonly purchasedAt: string;
  /** Amazon's own update time of the state kept. */
  readonly lastUpdatedAt: string;
  readonly shipBy: string | null;
  readonly currency: string | null;
  readonly total: OrderMoney | null;
  readonly items: readonly OrderItem[];
  /** 1, plus one for each change kept. */
  readonly version: number;
  readonly createdAt: string;
  /** When spgate last changed the order: the list's order. */
  readonly updatedAt: string;
  /** On `GET /v1/orders/{id}` only. */
  readonly shipments?: readonly Shipment[];
}

/** The list's filters as the API takes them: a channel or a seller (a channel names its seller), a status, a time. */
export interface OrderFilters {
  readonly channelId?: string;
  readonly sellerId?: string;
  readonly status?: OrderStatus;
  /** ISO-8601 with offset. */
  readonly updatedAfter?: string;
}

export interface ShipmentRequest {
  readonly carrierCode: string;
  readonly carrierName?: string;
  readonly shippingMethod?: string;
  readonly trackingNumber: string;
  readonly shipDate?: string;
  readonly items: readonly ShipmentItem[];
}

export interface ShipmentSubmission {
  readonly request: ShipmentRequest;
  /** One per submitted form: the same when the same submission is sent again, so Amazon is told once. */
  readonly idempotencyKey: string;
}

/**
 * Amazon's carrier codes, as the gateway checks them (gateway orders/carrier-codes.txt; a test keeps
 * the two the same). Amazon takes any string, but an unknown code hides the tracking from the buyer:
 * another carrier goes as "Other" with its name.
 */
export const CARRIER_CODES = [
  'AFL/Fedex', 'Aramex', 'Blue Package', 'BlueDart', 'Canada Post', 'Chronopost', 'City Link', 'DHL', 'DHL Global Mail', 'DPD',
  'DTDC', 'Delhivery', 'Deutsche Post', 'FEDEX_JP', 'Fastway', 'FedEx', 'FedEx SmartPost', 'First Flight', 'GLS', 'GO!',
  'Hermes Logistik Gruppe', 'India Post', 'JP_EXPRESS', 'La Poste', 'Lasership', 'NITTSU', 'Newgistics', 'NipponExpress', 'OSM',
  'OnTrac', 'Other', 'Overnite Express', 'Parcelforce', 'Parcelnet', 'Poste Italiane', 'Professional', 'Royal Mail', 'SAGAWA', 'SDA',
  'SagawaExpress', 'Smartmail', 'Streamlite', 'TNT', 'Target', 'UPS', 'UPS Mail Innovations', 'UPSMI', 'USPS', 'YAMATO',
  'YamatoTransport', 'Yodel',
] as const;
export const OTHER_CARRIER = 'Other';

export const ORDER_PAGE_SIZE = 100;
/** How often the list and an open order are asked for again: orders move while the page is open. */
export const ORDERS_POLL_MS = 5_000;
/** Beyond this many loaded pages the list is asked again only on request (each refresh asks for every page). */
export const ORDERS_POLL_MAX_PAGES = 3;
export const ORDER_EVENT_TYPES: readonly EventType[] = ['order.created', 'order.changed', 'order.shipped'];

/** Units of an item not shipped yet. */
export function leftToShip(item: OrderItem): number {
  return Math.max(0, item.quantity - item.quantityShipped);
}

/** Whether the seller may confirm a shipment: merchant-fulfilled, unshipped or partly shipped, with units left. */
export function isShippable(order: Order): boolean {
  return order.fulfillment === 'MFN' && SHIPPABLE_STATUSES.includes(order.status) && order.items.some((item) => leftToShip(item) > 0);
}

/** What the list asks: a channel names its seller, so with a channel the seller is not sent. */
export function ordersQuery(filters: OrderFilters): OrderFilters {
  const { channelId, sellerId, ...rest } = filters;
  return { ...(channelId ? { channelId } : sellerId ? { sellerId } : {}), ...rest };
}

const orderPath = (orderId: string) => `/v1/orders/${encodeURIComponent(orderId)}`;

function useOrdersKey() {
  const { scope } = useApi();
  return ['orders', scope.actingTenantId] as const;
}

/** Orders by when spgate last changed them (oldest first, as the API reads), a page at a time; asked again every 5 s while few pages are loaded. */
export function useOrders(filters: OrderFilters) {
  const { client } = useApi();
  const key = useOrdersKey();
  const query = ordersQuery(filters);
  return useInfiniteQuery({
    queryKey: [...key, 'list', query],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<Order>>('/v1/orders', { query: { ...query, limit: ORDER_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (q) => ((q.state.data?.pages.length ?? 0) <= ORDERS_POLL_MAX_PAGES ? ORDERS_POLL_MS : false),
  });
}

/** One order with its shipments, asked for again every 5 s. */
export function useOrder(orderId: string) {
  const { client } = useApi();
  const key = useOrdersKey();
  return useQuery({
    queryKey: [...key, 'one', orderId],
    queryFn: ({ signal }) => client.get<Order>(orderPath(orderId), { signal }),
    refetchInterval: ORDERS_POLL_MS,
  });
}

/** The order's events (created, changed, shipped), read again whenever the order's version moves. */
export function useOrderEvents(orderId: string, version: number | undefined) {
  return useResourceEvents('order', orderId, ORDER_EVENT_TYPES, version);
}

/** Confirms a shipment under its Idempotency-Key; the order (read again by the gateway at once) and the lists are asked again. */
export function useConfirmShipment(orderId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useOrdersKey();
  return useMutation({
    mutationFn: ({ request, idempotencyKey }: ShipmentSubmission) =>
      client.post<Shipment>(`${orderPath(orderId)}/shipments`, request, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
