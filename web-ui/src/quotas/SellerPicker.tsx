import { useState } from 'react';
import { Link } from 'react-router';
import { useSellers } from '../api/sellers';
import { ErrorNotice } from '../components/QueryState';
import { SearchBox } from '../components/SearchBox';
import { useTenantLink } from '../session/tenant';

const SUGGESTIONS = 8;

/** Finds a seller by the start of its selling partner id and opens its quotas. */
export function SellerPicker() {
  const [prefix, setPrefix] = useState('');
  const found = useSellers(prefix === '' ? {} : { q: prefix }, SUGGESTIONS);
  const link = useTenantLink();
  const sellers = found.data?.pages[0]?.items ?? [];
  return (
    <div className="seller-picker">
      <SearchBox
        id="quota-seller-search"
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
            <Link to={link('/quotas', { seller: seller.id })}>{seller.sellingPartnerId}</Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
