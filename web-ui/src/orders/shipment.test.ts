import { describe, expect, it } from 'vitest';
import { order, orderItem } from '../testing/orders';
import { EMPTY_SHIPMENT, readShipment, type ShipmentTexts } from './shipment';

const NOW = new Date('2026-12-06T12:00:00Z');
const ORDER = order(1, { items: [orderItem(1, { quantity: 3, quantityShipped: 1 }), orderItem(2, { quantity: 1 })] });
const texts = (overrides: Partial<ShipmentTexts>): ShipmentTexts => ({ ...EMPTY_SHIPMENT, ...overrides });

describe('shipment form', () => {
  it('ships what is left of each item by default, with no ship date (now) and no carrier name for a listed carrier', () => {
    expect(readShipment(texts({ carrierCode: 'UPS', carrierName: 'ignored', trackingNumber: ' 1Z999 ' }), ORDER, NOW)).toEqual({
      request: {
        carrierCode: 'UPS',
        trackingNumber: '1Z999',
        items: [
          { orderItemId: 'OI-1', quantity: 2 },
          { orderItemId: 'OI-2', quantity: 1 },
        ],
      },
    });
  });

  it('sends Other with its name, the method, the ship date in UTC, and only the items with units', () => {
    const shipDate = '2026-12-06T09:30';
    const read = readShipment(
      texts({ carrierCode: 'Other', carrierName: 'Acme Freight', shippingMethod: 'Ground', trackingNumber: 'AC-1', shipDate, quantities: { 'OI-1': '1', 'OI-2': '0' } }),
      ORDER,
      NOW,
    );
    expect(read).toEqual({
      request: {
        carrierCode: 'Other',
        carrierName: 'Acme Freight',
        shippingMethod: 'Ground',
        trackingNumber: 'AC-1',
        shipDate: new Date(shipDate).toISOString(),
        items: [{ orderItemId: 'OI-1', quantity: 1 }],
      },
    });
  });

  it('says what is wrong with each field', () => {
    const read = readShipment(texts({ carrierCode: 'Other', shipDate: '2099-01-01T00:00', quantities: { 'OI-1': '3', 'OI-2': '1.5' } }), ORDER, NOW);
    expect(read).toEqual({
      errors: {
        fields: {
          carrierName: "Enter the carrier's name.",
          trackingNumber: 'Enter the tracking number.',
          shipDate: 'The ship date lies in the future.',
        },
        quantities: { 'OI-1': 'At most 2: the units left to ship.', 'OI-2': 'A whole number, 0 or more.' },
      },
    });
  });

  it('refuses a carrier Amazon does not list, no carrier, and a shipment of nothing', () => {
    expect(readShipment(texts({ carrierCode: 'Pony Express', trackingNumber: 'x' }), ORDER, NOW)).toEqual({
      errors: { fields: { carrierCode: 'Amazon does not list this carrier: choose Other and name it.' }, quantities: {} },
    });
    expect(readShipment(texts({ trackingNumber: 'x', quantities: { 'OI-1': '0', 'OI-2': '' } }), ORDER, NOW)).toEqual({
      errors: { fields: { carrierCode: 'Choose the carrier.', items: 'Ship at least one unit.' }, quantities: {} },
    });
  });
});
