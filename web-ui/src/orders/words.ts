import type { OrderStatus, ShipmentStatus } from '../api/orders';
import type { Tone } from '../format';

export const ORDER_STATUS_WORDS: Record<OrderStatus, string> = {
  pending_availability: 'pending availability',
  pending: 'pending',
  unshipped: 'unshipped',
  partially_shipped: 'partially shipped',
  shipped: 'shipped',
  cancelled: 'cancelled',
  unfulfillable: 'unfulfillable',
};

/** Orders that wait for the seller stand out; those Amazon cannot fulfil are bad news. */
export const ORDER_STATUS_TONES: Record<OrderStatus, Tone> = {
  pending_availability: 'neutral',
  pending: 'neutral',
  unshipped: 'warn',
  partially_shipped: 'warn',
  shipped: 'ok',
  cancelled: 'neutral',
  unfulfillable: 'bad',
};

export const SHIPMENT_STATUS_WORDS: Record<ShipmentStatus, string> = {
  confirming: 'confirming',
  confirmed: 'confirmed',
  failed: 'failed',
};

export const SHIPMENT_STATUS_TONES: Record<ShipmentStatus, Tone> = {
  confirming: 'warn',
  confirmed: 'ok',
  failed: 'bad',
};
