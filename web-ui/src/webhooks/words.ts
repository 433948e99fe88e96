import type { EventType } from '../api/events';
import type { DeliveryStatus } from '../api/webhooks';
import type { Tone } from '../format';

/** What each event type says happened. */
export const EVENT_TYPE_WORDS: Record<EventType, string> = {
  'order.created': 'an order came in',
  'order.changed': 'an order changed',
  'order.shipped': 'an order was shipped',
  'job.finished': 'an update job finished',
  'report.ready': 'a report is ready',
  'seller.reauthorization_required': 'a seller needs re-authorization',
  'listing.status_changed': "a listing's status changed",
  'offer.changed': "the offers on one of the seller's products changed",
  'webhook_endpoint.disabled': 'a webhook endpoint was disabled after failing for days',
  test: 'a test event, sent on request',
};

export const DELIVERY_STATUS_WORDS: Record<DeliveryStatus, string> = {
  pending: 'retrying',
  delivered: 'delivered',
  failed: 'given up',
};

export const DELIVERY_STATUS_TONES: Record<DeliveryStatus, Tone> = {
  pending: 'warn',
  delivered: 'ok',
  failed: 'bad',
};
