/**
 * A shipment as typed in the confirm form, checked as the gateway checks it (a carrier code Amazon
 * lists, "Other" only with the carrier's name, a tracking number, a ship date not in the future, whole
 * quantities no larger than what is left of each item, at least one unit), so a mistake is said next to
 * its field before anything is sent.
 */
import { CARRIER_CODES, leftToShip, OTHER_CARRIER, type Order, type OrderItem, type ShipmentItem, type ShipmentRequest } from '../api/orders';

export interface ShipmentTexts {
  readonly carrierCode: string;
  readonly carrierName: string;
  readonly shippingMethod: string;
  readonly trackingNumber: string;
  /** A `datetime-local` value in the browser's time zone; empty for now. */
  readonly shipDate: string;
  /** Units to ship by order item id, as typed; an item not typed in ships what is left of it. */
  readonly quantities: Readonly<Record<string, string>>;
}

export type ShipmentField = 'carrierCode' | 'carrierName' | 'shippingMethod' | 'trackingNumber' | 'shipDate' | 'items';

export interface ShipmentErrors {
  readonly fields: Partial<Record<ShipmentField, string>>;
  /** By order item id. */
  readonly quantities: Readonly<Record<string, string>>;
}

/** The gateway's longest carrier name, method and tracking number. */
export const MAX_TEXT = 100;
/** The gateway takes a ship date up to 5 minutes ahead of its clock. */
const FUTURE_SLACK_MS = 5 * 60_000;

/** A new form: no carrier yet, and each item's quantity what is left of it (as the order is now, however it moves). */
export const EMPTY_SHIPMENT: ShipmentTexts = { carrierCode: '', carrierName: '', shippingMethod: '', trackingNumber: '', shipDate: '', quantities: {} };

/** The quantity field's text of an item: as typed, else what is left of it. */
export function quantityText(texts: ShipmentTexts, item: OrderItem): string {
  return texts.quantities[item.orderItemId] ?? String(leftToShip(item));
}

function readText(text: string, what: string, required: boolean): { readonly value: string } | { readonly error: string } {
  const value = text.trim();
  if (value === '') return required ? { error: `Enter the ${what}.` } : { value };
  return value.length > MAX_TEXT ? { error: `At most ${MAX_TEXT} characters.` } : { value };
}

/** The request the texts say, or what is wrong with each field that is wrong. */
export function readShipment(texts: ShipmentTexts, order: Order, now: Date): { readonly request: ShipmentRequest } | { readonly errors: ShipmentErrors } {
  const fields: Partial<Record<ShipmentField, string>> = {};
  const quantities: Record<string, string> = {};

  const carrierCode = texts.carrierCode.trim();
  if (carrierCode === '') fields.carrierCode = 'Choose the carrier.';
  else if (!(CARRIER_CODES as readonly string[]).includes(carrierCode)) fields.carrierCode = 'Amazon does not list this carrier: choose Other and name it.';
  const other = carrierCode === OTHER_CARRIER;
  const carrierName = readText(texts.carrierName, "carrier's name", other);
  if ('error' in carrierName) fields.carrierName = carrierName.error;
  const tracking = readText(texts.trackingNumber, 'tracking number', true);
  if ('error' in tracking) fields.trackingNumber = tracking.error;
  const method = readText(texts.shippingMethod, 'shipping method', false);
  if ('error' in method) fields.shippingMethod = method.error;

  let shipDate: string | undefined;
  if (texts.shipDate.trim() !== '') {
    const date = new Date(texts.shipDate);
    if (Number.isNaN(date.getTime())) fields.shipDate = 'A date and time, e.g. 2026-12-01 10:00.';
    else if (date.getTime() > now.getTime() + FUTURE_SLACK_MS) fields.shipDate = 'The ship date lies in the future.';
    else shipDate = date.toISOString();
  }

  const items: ShipmentItem[] = [];
  for (const item of order.items) {
    const left = leftToShip(item);
    const text = quantityText(texts, item).trim();
    if (text === '' || text === '0') continue;
    if (!/^\d+$/.test(text)) quantities[item.orderItemId] = 'A whole number, 0 or more.';
    else if (Number(text) > left) quantities[item.orderItemId] = left === 0 ? 'Shipped already.' : `At most ${left}: the units left to ship.`;
    else items.push({ orderItemId: item.orderItemId, quantity: Number(text) });
  }
  if (items.length === 0 && Object.keys(quantities).length === 0) fields.items = 'Ship at least one unit.';

  if (Object.keys(fields).length > 0 || Object.keys(quantities).length > 0) return { errors: { fields, quantities } };
  return {
    request: {
      carrierCode,
      ...(other && 'value' in carrierName && { carrierName: carrierName.value }),
      ...('value' in method && method.value !== '' && { shippingMethod: method.value }),
      trackingNumber: 'value' in tracking ? tracking.value : '',
      ...(shipDate !== undefined && { shipDate }),
      items,
    },
  };
}
