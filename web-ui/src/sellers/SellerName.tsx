import { useSeller } from '../api/sellers';

/** The seller's selling partner id once known (one request per seller, cached), its id until then. */
export function SellerName({ sellerId }: { readonly sellerId: string }) {
  const seller = useSeller(sellerId);
  return <code>{seller.data?.sellingPartnerId ?? `${sellerId.slice(0, 8)}…`}</code>;
}
