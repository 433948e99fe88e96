import { useState } from 'react';
import { Link, type To } from 'react-router';
import { useSellers, type Seller } from '../api/sellers';
import { ErrorNotice } from '../components/QueryState';
import { SearchBox } from '../components/SearchBox';
import { useTenantLink } from '../session/tenant';

const SUGGESTIONS = 8;

export interface SellerPickerProps {
  /** The search box's id, one per page. */
  readonly searchId?: string;
  /** Where choosing a seller goes; the quotas page by default. */
  readonly linkTo?: (seller: Seller) => To;
}

/** Finds a seller by the start of its selling partner id and opens its page (quotas unless told otherwise). */
export function SellerPicker({ searchId = 'quota-seller-search', linkTo }: SellerPickerProps) {
  const [prefix, setPrefix] = useState('');
  const found = useSellers(prefix === '' ? {} : { q: prefix }, SUGGESTIONS);
  const link = useTenantLink();
  const to = linkTo ?? ((seller: Seller) => link('/quotas', { seller: seller.id }));
  const sellers = found.data?.pages[0]?.items ?? [];
  return (
    <div className="seller-picker">
      <SearchBox
        id={searchId}
        label="Find a seller by selling partner id"
        value={prefix}
        onSearch={(value) => setPrefix(value.trim().toUpperCase())}
        placeholder="A1B2…"
      />
      {found.isError && <ErrorNotice error={found.error} onRetry={() => found.refetch()} />}
      {found.isSuccess && sellers.length === 0 && <p className="muted">No seller's id starts with {prefix}.</p>}
      <ul className="seller-picker__list" aria-label="Matching sellers">
        {sellers.map((seller) => (
          <li key={seller.id}>
            <Link to={to(seller)}>{seller.sellingPartnerId}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
