import type { Seller } from '../api/sellers';

/** The pass-through path of getOrders for a seller: the gateway signs, authorizes and paces it. */
export function ordersPath(seller: Pick<Seller, 'id' | 'marketplaceIds'>): string {
  const marketplace = seller.marketplaceIds[0] ?? 'ATVPDKIKX0DER';
  return `/v1/sellers/${seller.id}/sp-api/orders/v0/orders?MarketplaceIds=${marketplace}&CreatedAfter=2024-01-01T00:00:00Z`;
}

export function curlFor(seller: Pick<Seller, 'id' | 'marketplaceIds'>): string {
  return `curl -H "Authorization: Bearer $SPGATE_KEY" "${window.location.origin}${ordersPath(seller)}"`;
}

export function TryACall({ seller }: { readonly seller: Pick<Seller, 'id' | 'marketplaceIds'> }) {
  return (
    <pre className="snippet" data-testid="try-a-call" tabIndex={0} aria-label="Example call">
      <code>{curlFor(seller)}</code>
    </pre>
  );
}
