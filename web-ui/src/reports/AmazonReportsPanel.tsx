import { useApi } from '../api/ApiProvider';
import { SETTLEMENT_REPORT, sellerDocumentHref, useAmazonReports } from '../api/reports';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime } from '../format';
import { marketplacesText } from './ReportControls';

/** The seller's settlement reports, which Amazon makes by itself every settlement period; downloaded by their document id. */
export function AmazonReportsPanel({ sellerId }: { readonly sellerId: string }) {
  const { client } = useApi();
  const reports = useAmazonReports(sellerId, SETTLEMENT_REPORT);
  const loaded = reports.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="panel" aria-labelledby="amazon-reports-heading">
      <h2 id="amazon-reports-heading">Made by Amazon</h2>
      <p className="muted">Settlement reports: Amazon makes one each settlement period; they cannot be requested.</p>
      {reports.isPending ? (
        <Loading>Asking Amazon for its reports…</Loading>
      ) : reports.isError && loaded.length === 0 ? (
        <ErrorNotice error={reports.error} onRetry={() => reports.refetch()} />
      ) : loaded.length === 0 ? (
        <EmptyState>Amazon has no settlement reports for this seller from the last 90 days.</EmptyState>
      ) : (
        <>
          {reports.isError && <ErrorNotice error={reports.error} onRetry={() => reports.refetch()} />}
          <div className="table-scroller table-scroller--auto" role="region" aria-label="Settlement reports" tabIndex={0}>
            <table className="data-table data-table--sticky-first">
              <thead>
                <tr>
                  <th scope="col">Settlement period</th>
                  <th scope="col">Made</th>
                  <th scope="col">Marketplaces</th>
                  <th scope="col">Status</th>
                  <th scope="col">Download</th>
                </tr>
              </thead>
              <tbody>
                {loaded.map((report) => (
                  <tr key={report.reportId} data-testid={`amazon-report-${report.reportId}`}>
                    <th scope="row">
                      {report.dataStartTime ? formatDateTime(report.dataStartTime) : '…'} – {report.dataEndTime ? formatDateTime(report.dataEndTime) : '…'}
                    </th>
                    <td>{formatDateTime(report.createdTime)}</td>
                    <td>{marketplacesText(report.marketplaceIds)}</td>
                    <td>{report.processingStatus.toLowerCase().replace(/_/g, ' ')}</td>
                    <td>
                      {report.reportDocumentId ? (
                        <span className="link-list">
                          {(['tsv', 'csv', 'ndjson'] as const).map((format) => (
                            <a
                              key={format}
                              href={sellerDocumentHref(client, sellerId, report.reportDocumentId as string, report.reportType, format)}
                              download
                              aria-label={`Download the settlement report ${report.reportId} as ${format.toUpperCase()}`}
                            >
                              {format.toUpperCase()}
                            </a>
                          ))}
                        </span>
                      ) : (
                        <span className="muted">no document</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {reports.hasNextPage && (
            <button type="button" onClick={() => void reports.fetchNextPage()} disabled={reports.isFetchingNextPage}>
              {reports.isFetchingNextPage ? 'Loading…' : 'Load more'}
            </button>
          )}
        </>
      )}
    </section>
  );
}
