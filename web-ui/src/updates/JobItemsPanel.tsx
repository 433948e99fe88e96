import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { marketplaceLabel } from '../api/marketplaces';
import { useSeller } from '../api/sellers';
import { isOpen, ITEM_STATUSES, useJobItems, type ItemIssue, type ItemStatus, type Job, type JobItem } from '../api/updates';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { VirtualTable } from '../components/VirtualTable';
import { formatDateTime, formatMoney, plural } from '../format';
import { useTenantLink } from '../session/tenant';
import { useStatusParam } from './filters';
import { ItemStatusBadge } from './JobStatusBadge';
import { ITEM_STATUS_WORDS } from './words';

const ROW_HEIGHT = 44;
const column = createColumnHelper<JobItem>();

export interface JobItemsPanelProps {
  readonly job: Job;
  readonly status: ItemStatus | undefined;
  readonly onRefresh: () => void;
}

/** The job's items in file order, filtered by status (in the URL), with Amazon's issues for those it refused. */
export function JobItemsPanel({ job, status, onRefresh }: JobItemsPanelProps) {
  const [, setStatus] = useStatusParam(ITEM_STATUSES);
  const items = useJobItems(job.id, status, isOpen(job.status));
  const loaded = items.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = useItemColumns();
  return (
    <section className="panel" aria-labelledby="job-items-heading">
      <div className="panel__head">
        <h2 id="job-items-heading">Items</h2>
        <button type="button" onClick={onRefresh}>
          Refresh items
        </button>
      </div>
      <form className="filters" role="search" aria-label="Filter items" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-item-status">Status</label>
          <select id="filter-item-status" value={status ?? ''} onChange={(e) => setStatus(e.target.value as ItemStatus | '')}>
            <option value="">any</option>
            {ITEM_STATUSES.map((s) => (
              <option key={s} value={s}>
                {ITEM_STATUS_WORDS[s]} ({job.counts[s].toLocaleString('en')})
              </option>
            ))}
          </select>
        </div>
      </form>
      {items.isPending ? (
        <Loading>Loading items…</Loading>
      ) : items.isError && loaded.length === 0 ? (
        <ErrorNotice error={items.error} onRetry={() => items.refetch()} />
      ) : (
        <>
          {items.isError && <ErrorNotice error={items.error} onRetry={() => items.refetch()} />}
          <p className="muted" role="status" data-testid="job-items-count">
            {plural(loaded.length, 'item')} loaded{items.hasNextPage ? '; more load as you scroll' : ''}
            {items.isPlaceholderData && ' · updating…'}
          </p>
          {loaded.length === 0 && !items.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="job-items-empty">{status ? `No item is ${ITEM_STATUS_WORDS[status]}.` : 'This job has no items.'}</span>
            </EmptyState>
          ) : (
            <VirtualTable
              label="Items of this job"
              rows={loaded}
              columns={columns}
              rowId={(item) => String(item.index)}
              rowTestId={(item) => `job-item-${item.index}`}
              rowHeight={ROW_HEIGHT}
              measured
              hasMore={items.hasNextPage && !items.isFetchNextPageError}
              loadingMore={items.isFetchingNextPage}
              loadMore={() => void items.fetchNextPage()}
              stale={items.isPlaceholderData}
              testId="job-items-table"
            />
          )}
        </>
      )}
    </section>
  );
}

function useItemColumns() {
  const link = useTenantLink();
  return useMemo(
    () => [
      column.accessor('index', { header: 'Line', cell: (info) => info.getValue() + 1 }),
      column.accessor('sku', { header: 'SKU', cell: (info) => <code>{info.getValue()}</code> }),
      column.accessor('channelId', {
        header: 'Channel',
        cell: (info) => (
          <Link to={link(`/channels/${info.getValue()}`)}>
            <ChannelName sellerId={info.row.original.sellerId} marketplaceId={info.row.original.marketplaceId} />
          </Link>
        ),
      }),
      column.accessor('status', { header: 'Status', cell: (info) => <ItemStatusBadge status={info.getValue()} /> }),
      column.accessor('price', { header: 'Price', cell: (info) => priceText(info.getValue()) }),
      column.accessor('quantity', {
        header: 'Quantity (listed)',
        cell: (info) => quantityText(info.getValue(), info.row.original.listedQuantity),
      }),
      column.accessor('handlingTime', { header: 'Handling days', cell: (info) => info.getValue() ?? '' }),
      column.accessor('issues', { header: "Amazon's issues", cell: (info) => <Issues issues={info.getValue()} /> }),
      column.accessor('path', { header: 'Sent as', cell: (info) => <SentAs item={info.row.original} /> }),
      column.accessor((item) => item.resultAt ?? item.sentAt ?? item.updatedAt, {
        id: 'when',
        header: 'Last change',
        cell: (info) => formatDateTime(info.getValue()),
      }),
    ],
    [link],
  );
}

function priceText(price: JobItem['price']): string {
  return price ? formatMoney(price.amount, price.currency) : '';
}

/** The quantity asked for and, when the guardrails changed it, the quantity listed. */
function quantityText(quantity: number | null, listed: number | null): string {
  if (quantity === null) return '';
  return listed !== null && listed !== quantity ? `${quantity} (${listed})` : String(quantity);
}

/** "US · A1B2C3…" for a channel: its marketplace and its seller's selling partner id once known. */
function ChannelName({ sellerId, marketplaceId }: { readonly sellerId: string; readonly marketplaceId: string }) {
  const seller = useSeller(sellerId);
  return (
    <>
      {marketplaceLabel(marketplaceId)} · {seller.data?.sellingPartnerId ?? `${sellerId.slice(0, 8)}…`}
    </>
  );
}

function SentAs({ item }: { readonly item: JobItem }) {
  if (item.path === null) return <span className="muted">not yet</span>;
  if (item.path === 'feed') {
    return (
      <>
        feed {item.feedId && <code>{item.feedId}</code>}
      </>
    );
  }
  return (
    <>
      patch {item.submissionId && <code className="small">{item.submissionId}</code>}
    </>
  );
}

/** Amazon's issues with the item: severity, code, message and the attributes they name. */
export function Issues({ issues }: { readonly issues: readonly ItemIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="issues">
      {issues.map((issue, i) => (
        <li key={`${issue.code}-${i}`} data-testid="item-issue">
          <span className={`badge badge--small tone--${issue.severity === 'ERROR' ? 'bad' : issue.severity === 'WARNING' ? 'warn' : 'neutral'}`}>
            {issue.severity.toLowerCase()}
          </span>{' '}
          <code>{issue.code}</code> {issue.message}
          {issue.attributeNames.length > 0 && <span className="muted"> (attributes: {issue.attributeNames.join(', ')})</span>}
        </li>
      ))}
    </ul>
  );
}
