import { useSearchParams } from 'react-router';
import { useQuotas } from '../api/quotas';
import { useSeller } from '../api/sellers';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { RequireTenant } from '../frame/RequireTenant';
import { TryACall } from '../overview/TryACall';
import { QuotaTable } from './QuotaTable';
import { SellerPicker } from './SellerPicker';

export function QuotasPage() {
  const [params] = useSearchParams();
  const sellerId = params.get('seller');
  return (
    <>
      <h1 className="page-title">Quotas</h1>
      <RequireTenant>
        <section className="panel" aria-label="Choose a seller">
          <SellerPicker />
        </section>
        {sellerId ? <SellerQuotas sellerId={sellerId} /> : <p className="muted">Choose a seller to see its quota buckets.</p>}
      </RequireTenant>
    </>
  );
}

/** A seller's buckets, polled every second. */
function SellerQuotas({ sellerId }: { readonly sellerId: string }) {
  const seller = useSeller(sellerId);
  const quotas = useQuotas(sellerId);
  const name = seller.data?.sellingPartnerId ?? sellerId;
  return (
    <section className="panel" aria-labelledby="quota-heading">
      <h2 id="quota-heading">
        Buckets of <code>{name}</code>
      </h2>
      {quotas.isPending ? (
        <Loading>Loading quotas…</Loading>
      ) : quotas.isError && !quotas.data ? (
        <ErrorNotice error={quotas.error} onRetry={() => quotas.refetch()} />
      ) : quotas.data.operations.length === 0 ? (
        <EmptyState>
          <p>No calls yet for this seller: buckets appear after its first SP-API call. Try one:</p>
          {seller.data && <TryACall seller={seller.data} />}
        </EmptyState>
      ) : (
        <>
          {quotas.isError && <ErrorNotice error={quotas.error} onRetry={() => quotas.refetch()} />}
          <QuotaTable operations={quotas.data.operations} />
        </>
      )}
    </section>
  );
}
