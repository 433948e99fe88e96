import type { Seller } from '../api/sellers';

/** A seller as the gateway lists it; `n` makes ids and selling partner ids distinct. */
export function seller(n: number, overrides: Partial<Seller> = {}): Seller {
  const hex = n.toString(16).padStart(12, '0');
  return {
    id: `00000000-0000-4000-8000-${hex}`,
    tenantId: 'c1161b5e-f5ee-4880-8881-277bb61f85ab',
    sellingPartnerId: `A${String(n).padStart(6, '0')}`,
    application: 'demo',
    region: 'na',
    marketplaceIds: ['ATVPDKIKX0DER'],
    status: 'active',
    token: { lastRefreshAt: '2026-12-06T15:00:00Z', expiresAt: '2026-12-06T16:00:00Z', lastError: null },
    createdAt: '2026-12-01T10:00:00Z',
    updatedAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

export function sellers(from: number, count: number): Seller[] {
  return Array.from({ length: count }, (_, i) => seller(from + i));
}
