import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import { useSellers } from '../api/sellers';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { RequireTenant } from '../frame/RequireTenant';
import { ConnectSellerDialog } from './ConnectSellerDialog';
import { SellerFilterBar } from './SellerFilterBar';
import { SellersTable } from './SellersTable';
import { filtersText, useSellerFilters } from './filters';

export function SellersPage() {
  const [connecting, setConnecting] = useState(false);
  const { scope } = useApi();
  return (
    <>
      <div className="page-head">
        <h1 className="page-title">Sellers</h1>
        {scope.tenantId !== null && (
          <button type="button" className="button--primary" onClick={() => setConnecting(true)}>
            Connect a seller
          </button>
        )}
      </div>
      <RequireTenant>
        <SellerList />
        {connecting && <ConnectSellerDialog onClose={() => setConnecting(false)} />}
      </RequireTenant>
    </>
  );
}

function SellerList() {
  const [filters, setFilter] = useSellerFilters();
  const sellers = useSellers(filters);
  const loaded = sellers.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filtersText(filters) !== '';
  return (
    <section className="panel" aria-label="Seller list">
      <SellerFilterBar filters={filters} onChange={setFilter} />
      {sellers.isPending ? (
        <Loading>Loading sellers…</Loading>
      ) : sellers.isError && loaded.length === 0 ? (
        <ErrorNotice error={sellers.error} onRetry={() => sellers.refetch()} />
      ) : (
        <>
          {sellers.isError && <ErrorNotice error={sellers.error} onRetry={() => sellers.refetch()} />}
          <p className="muted" role="status" data-testid="seller-count">
            {loaded.length} {loaded.length === 1 ? 'seller' : 'sellers'} loaded
            {sellers.hasNextPage ? '; more load as you scroll' : filtered ? ' (all that match)' : ' (all)'}
            {sellers.isPlaceholderData && ' · updating…'}
          </p>
          {loaded.length === 0 && !sellers.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="sellers-empty" data-results-for={filtersText(filters)}>
                {filtered ? 'No seller matches these filters.' : 'No sellers yet. Connect one with the button above.'}
              </span>
            </EmptyState>
          ) : (
            <SellersTable
              sellers={loaded}
              hasMore={sellers.hasNextPage && !sellers.isFetchNextPageError}
              loadingMore={sellers.isFetchingNextPage}
              loadMore={() => void sellers.fetchNextPage()}
              resultsFor={filtersText(filters)}
              stale={sellers.isPlaceholderData}
            />
          )}
        </>
      )}
    </section>
  );
}
