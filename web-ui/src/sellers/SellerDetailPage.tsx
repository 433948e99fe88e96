import { Link, useParams } from 'react-router';
import { marketplaceLabel, REGION_NAMES } from '../api/marketplaces';
import { useSeller } from '../api/sellers';
import { ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { TryACall } from '../overview/TryACall';
import { useTenantLink } from '../session/tenant';
import { SellerActions } from './SellerActions';
import { SellerStatusBadge } from './SellerStatusBadge';

export function SellerDetailPage() {
  return (
    <RequireTenant>
      <SellerDetail />
    </RequireTenant>
  );
}

function SellerDetail() {
  const { sellerId = '' } = useParams();
  const seller = useSeller(sellerId);
  const link = useTenantLink();
  return (
    <>
      <p className="breadcrumb">
        <Link to={link('/sellers')}>← Sellers</Link>
      </p>
      {seller.isPending ? (
        <Loading>Loading the seller…</Loading>
      ) : seller.isError ? (
        <>
          <h1 className="page-title">Seller</h1>
          <ErrorNotice error={seller.error} onRetry={() => seller.refetch()} />
        </>
      ) : (
        <>
          <div className="page-head">
            <h1 className="page-title">
              Seller <code>{seller.data.sellingPartnerId}</code>
            </h1>
            <SellerStatusBadge status={seller.data.status} />
          </div>
          <section className="panel" aria-label="Seller details">
            <dl className="details">
              <dt>Seller id</dt>
              <dd>
                <code>{seller.data.id}</code>
              </dd>
              <dt>Application</dt>
              <dd>{seller.data.application}</dd>
              <dt>Region</dt>
              <dd>{REGION_NAMES[seller.data.region]}</dd>
              <dt>Marketplaces</dt>
              <dd>{seller.data.marketplaceIds.map((id) => `${marketplaceLabel(id)} (${id})`).join(', ')}</dd>
              <dt>Access token expires</dt>
              <dd>{formatDateTime(seller.data.token.expiresAt)}</dd>
              <dt>Last token refresh</dt>
              <dd>{formatDateTime(seller.data.token.lastRefreshAt)}</dd>
              <dt>Last token error</dt>
              <dd data-testid="seller-last-error">{seller.data.token.lastError ?? 'none'}</dd>
              <dt>Connected</dt>
              <dd>{formatDateTime(seller.data.createdAt)}</dd>
            </dl>
            <SellerActions seller={seller.data} />
          </section>
          <section className="panel" aria-labelledby="seller-try-heading">
            <h2 id="seller-try-heading">Try a call</h2>
            <TryACall seller={seller.data} />
            <p>
              <Link to={link('/quotas', { seller: seller.data.id })}>See this seller's quotas</Link>
            </p>
          </section>
        </>
      )}
    </>
  );
}
