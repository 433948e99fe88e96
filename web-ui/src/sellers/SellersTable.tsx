import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { Link } from 'react-router';
import { marketplaceLabel } from '../api/marketplaces';
import type { Seller } from '../api/sellers';
import { formatDateTime } from '../format';
import { useTenantLink } from '../session/tenant';
import { SellerStatusBadge } from './SellerStatusBadge';

const ROW_HEIGHT = 44;
/** Ask for the next page while this many loaded rows are still below the view. */
const PREFETCH_ROWS = 30;

const column = createColumnHelper<Seller>();

export interface SellersTableProps {
  readonly sellers: readonly Seller[];
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly loadMore: () => void;
  /** The filters these rows answer, for whoever waits for a change to show. */
  readonly resultsFor: string;
  readonly stale: boolean;
}

/**
 * Sellers as a virtualized table: only the rows in view (and a few around) are in the page, so ten
 * thousand loaded sellers scroll as fast as ten. Near the end of the loaded rows it asks for more.
 */
export function SellersTable({ sellers, hasMore, loadingMore, loadMore, resultsFor, stale }: SellersTableProps) {
  const link = useTenantLink();
  const columns = useMemo(
    () => [
      column.accessor('sellingPartnerId', {
        header: 'Selling partner',
        cell: (info) => <Link to={link(`/sellers/${info.row.original.id}`)}>{info.getValue()}</Link>,
      }),
      column.accessor('status', { header: 'Status', cell: (info) => <SellerStatusBadge status={info.getValue()} /> }),
      column.accessor('region', { header: 'Region', cell: (info) => info.getValue().toUpperCase() }),
      column.accessor('marketplaceIds', { header: 'Marketplaces', cell: (info) => info.getValue().map(marketplaceLabel).join(', ') }),
      column.accessor('application', { header: 'Application' }),
      column.accessor((s) => s.token.expiresAt, { id: 'expiresAt', header: 'Token expires', cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor((s) => s.token.lastRefreshAt, { id: 'lastRefreshAt', header: 'Last refresh', cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor((s) => s.token.lastError, {
        id: 'lastError',
        header: 'Last error',
        cell: (info) => <span className="cell--error">{info.getValue() ?? '—'}</span>,
      }),
    ],
    [link],
  );
  const table = useReactTable({
    data: sellers as Seller[],
    columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (seller) => seller.id,
  });
  const rows = table.getRowModel().rows;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible[visible.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= rows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastVisible, rows.length, loadMore]);

  const paddingTop = visible[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (visible[visible.length - 1]?.end ?? 0);
  const columnCount = columns.length;

  return (
    <div
      ref={scroller}
      className="table-scroller"
      role="region"
      aria-label="Sellers"
      tabIndex={0}
      aria-busy={stale}
      data-testid="sellers-table"
      data-results-for={stale ? undefined : resultsFor}
    >
      <table className="data-table data-table--sticky-first" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && <tr aria-hidden="true" style={{ height: paddingTop }}><td colSpan={columnCount} /></tr>}
          {visible.map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <tr key={row.id} aria-rowindex={item.index + 2} style={{ height: ROW_HEIGHT }} data-testid={`seller-row-${row.original.sellingPartnerId}`}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && <tr aria-hidden="true" style={{ height: paddingBottom }}><td colSpan={columnCount} /></tr>}
        </tbody>
      </table>
    </div>
  );
}
