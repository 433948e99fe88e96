import type { Channel, Mapping } from '../api/channels';

export const SELLER_ID = '00000000-0000-4000-8000-000000000005';

/** A channel as the gateway answers it; `n` makes the seller distinct. */
export function channel(n: number, overrides: Partial<Channel> = {}): Channel {
  const sellerId = `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;
  return {
    id: `${sellerId}.ATVPDKIKX0DER`,
    sellerId,
    sellingPartnerId: `A${String(n).padStart(3, '0')}SELLER`,
    marketplaceId: 'ATVPDKIKX0DER',
    marketplace: 'US',
    region: 'na',
    currency: 'USD',
    sellerStatus: 'active',
    mappings: 2,
    fbaSyncedAt: null,
    ...overrides,
  };
}

export function mapping(channelId: string, sku: string, overrides: Partial<Mapping> = {}): Mapping {
  return {
    channelId,
    sku,
    asin: 'B000000001',
    fulfillment: 'MFN',
    conflictStrategy: 'master_wins',
    productType: 'PRODUCT',
    guardrails: { minPrice: 10, maxPrice: 50, maxChangePercent: 20, stockBuffer: 2, maxQuantity: null },
    lastPrice: { amount: 19.99, currency: 'USD' },
    lastPriceAt: '2026-12-06T15:00:00Z',
    listedQuantity: 8,
    listedAt: '2026-12-06T15:00:00Z',
    fbaQuantity: null,
    fbaSyncedAt: null,
    updatedAt: '2026-12-06T15:00:00Z',
    ...overrides,
  };
}
