import { Link } from 'react-router';
import { useReportTypes } from '../api/reports';
import { useSeller, type Seller } from '../api/sellers';
import { ErrorNotice, Loading } from '../components/QueryState';
import { RequireTenant } from '../frame/RequireTenant';
import { SellerPicker } from '../quotas/SellerPicker';
import { useTenantLink } from '../session/tenant';
import { AmazonReportsPanel } from './AmazonReportsPanel';
import { SELLER_PARAM, useReportFilters } from './filters';
import { ReportJobList } from './ReportJobList';
import { RequestReportForm } from './RequestReportForm';
import { SchedulesPanel } from './SchedulesPanel';

export function ReportsPage() {
  return (
    <>
      <h1 className="page-title">Reports</h1>
      <RequireTenant>
        <Reports />
      </RequireTenant>
    </>
  );
}

/**
 * Reports of the tenant's sellers: with a seller chosen (`?seller=`), a request form, its schedules and
 * the reports Amazon made by itself; always the list of requested reports, filtered by the URL.
 */
function Reports() {
  const [filters, setFilter] = useReportFilters();
  const types = useReportTypes();
  const link = useTenantLink();
  const sellerId = filters.sellerId ?? null;
  const seller = useSeller(sellerId);
  const keep = (seller: Seller) => {
    const search: Record<string, string> = { [SELLER_PARAM]: seller.id };
    if (filters.reportType) search.reportType = filters.reportType;
    if (filters.status) search.status = filters.status;
    return link('/reports', search);
  };
  return (
    <>
      <section className="panel" aria-labelledby="report-seller-heading">
        <h2 id="report-seller-heading">Seller</h2>
        {sellerId === null ? (
          <p className="muted">Choose a seller to request its reports; the list below shows every seller's.</p>
        ) : (
          <p data-testid="report-seller">
            Reports of <code>{seller.data?.sellingPartnerId ?? sellerId}</code> ·{' '}
            <button type="button" className="button--link" onClick={() => setFilter(SELLER_PARAM, '')}>
              show every seller's
            </button>
          </p>
        )}
        <SellerPicker searchId="report-seller-search" linkTo={keep} />
      </section>
      {types.isPending ? (
        <Loading>Loading report types…</Loading>
      ) : types.isError ? (
        <ErrorNotice error={types.error} onRetry={() => types.refetch()} />
      ) : (
        <>
          {sellerId !== null && (
            <section className="panel">
              {seller.isPending ? (
                <Loading>Loading the seller…</Loading>
              ) : seller.isError ? (
                <ErrorNotice error={seller.error} onRetry={() => seller.refetch()} />
              ) : (
                <RequestReportForm key={seller.data.id} seller={seller.data} types={types.data.items} />
              )}
            </section>
          )}
          <ReportJobList filters={filters} onFilter={setFilter} types={types.data.items} />
          {seller.data && <SchedulesPanel seller={seller.data} types={types.data.items} />}
          {sellerId !== null && <AmazonReportsPanel sellerId={sellerId} />}
        </>
      )}
      {sellerId !== null && (
        <p>
          <Link to={link(`/sellers/${sellerId}`)}>This seller's details</Link>
        </p>
      )}
    </>
  );
}
