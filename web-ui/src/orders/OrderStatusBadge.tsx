import type { OrderStatus, ShipmentStatus } from '../api/orders';
import { ORDER_STATUS_TONES, ORDER_STATUS_WORDS, SHIPMENT_STATUS_TONES, SHIPMENT_STATUS_WORDS } from './words';

/** An order's status in words; `data-status` keeps the gateway's word for tests and scripts. */
export function OrderStatusBadge({ status, testId, size = 'small' }: { readonly status: OrderStatus; readonly testId?: string; readonly size?: 'small' | 'large' }) {
  return (
    <span className={`badge badge--${size} tone--${ORDER_STATUS_TONES[status]}`} data-testid={testId} data-status={status}>
      {ORDER_STATUS_WORDS[status]}
    </span>
  );
}

export function ShipmentStatusBadge({ status, testId }: { readonly status: ShipmentStatus; readonly testId?: string }) {
  return (
    <span className={`badge badge--small tone--${SHIPMENT_STATUS_TONES[status]}`} data-testid={testId} data-status={status}>
      {SHIPMENT_STATUS_WORDS[status]}
    </span>
  );
}
