import { Link } from 'react-router';
import { JOB_STATUSES, useReportJobs, type ReportFilters, type ReportJob, type ReportType } from '../api/reports';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime, plural } from '../format';
import { SellerName } from '../sellers/SellerName';
import { useTenantLink } from '../session/tenant';
import type { ReportFilterName } from './filters';
import { marketplacesText } from './ReportControls';
import { JOB_STATUS_WORDS, ReportStatusBadge } from './ReportStatusBadge';
import { typeLabel } from './words';

export interface ReportJobListProps {
  readonly filters: ReportFilters;
  readonly onFilter: (name: ReportFilterName, value: string) => void;
  readonly types: readonly ReportType[];
}

/** Report jobs newest first, filtered by the URL's seller, type and status; 50 at a time. */
export function ReportJobList({ filters, onFilter, types }: ReportJobListProps) {
  const jobs = useReportJobs(filters);
  const loaded = jobs.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = filters.reportType !== undefined || filters.status !== undefined;
  return (
    <section className="panel" aria-labelledby="report-jobs-heading">
      <h2 id="report-jobs-heading">Requested reports{filters.sellerId ? ' of this seller' : ''}</h2>
      <form className="filters" role="search" aria-label="Filter reports" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-report-type">Report type</label>
          <select id="filter-report-type" value={filters.reportType ?? ''} onChange={(e) => onFilter('reportType', e.target.value)}>
            <option value="">any</option>
            {types.map((t) => (
              <option key={t.reportType} value={t.reportType}>
                {t.label}
              </option>
            ))}
            {filters.reportType && !types.some((t) => t.reportType === filters.reportType) && (
              <option value={filters.reportType}>{filters.reportType}</option>
            )}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-report-status">Status</label>
          <select id="filter-report-status" value={filters.status ?? ''} onChange={(e) => onFilter('status', e.target.value)}>
            <option value="">any</option>
            {JOB_STATUSES.map((status) => (
              <option key={status} value={status}>
                {JOB_STATUS_WORDS[status]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {jobs.isPending ? (
        <Loading>Loading reports…</Loading>
      ) : jobs.isError && loaded.length === 0 ? (
        <ErrorNotice error={jobs.error} onRetry={() => jobs.refetch()} />
      ) : (
        <>
          {jobs.isError && <ErrorNotice error={jobs.error} onRetry={() => jobs.refetch()} />}
          {loaded.length === 0 && !jobs.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="reports-empty">
                {filtered ? 'No report matches these filters.' : 'No reports requested yet.'}
              </span>
            </EmptyState>
          ) : (
            <>
              <JobTable jobs={loaded} types={types} showSeller={filters.sellerId === undefined} stale={jobs.isPlaceholderData} />
              <p className="muted" role="status">
                {plural(loaded.length, 'report')} shown{jobs.isPlaceholderData && ' · updating…'}
              </p>
              {jobs.hasNextPage && (
                <button type="button" onClick={() => void jobs.fetchNextPage()} disabled={jobs.isFetchingNextPage}>
                  {jobs.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

interface JobTableProps {
  readonly jobs: readonly ReportJob[];
  readonly types: readonly ReportType[];
  readonly showSeller: boolean;
  readonly stale: boolean;
}

function JobTable({ jobs, types, showSeller, stale }: JobTableProps) {
  const link = useTenantLink();
  return (
    <div className="table-scroller table-scroller--auto" role="region" aria-label="Report jobs" tabIndex={0}>
      <table className={`data-table data-table--sticky-first${stale ? ' data-table--stale' : ''}`} data-testid="reports-table">
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">Status</th>
            <th scope="col">Requested</th>
            {showSeller && <th scope="col">Seller</th>}
            <th scope="col">Marketplaces</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid={`report-row-${job.id}`}>
              <th scope="row">
                <Link to={link(`/reports/${job.id}`)}>{typeLabel(types, job.reportType)}</Link>
                {job.reused && <span className="badge badge--small tone--neutral">reused</span>}
                {job.scheduleId && <span className="badge badge--small tone--neutral">scheduled</span>}
              </th>
              <td>
                <ReportStatusBadge status={job.status} testId={`report-status-${job.id}`} />
              </td>
              <td>{formatDateTime(job.createdAt)}</td>
              {showSeller && (
                <td>
                  <SellerName sellerId={job.sellerId} />
                </td>
              )}
              <td>{marketplacesText(job.marketplaceIds)}</td>
              <td>{job.rowCount ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
