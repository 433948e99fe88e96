import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';

/** Ask for the next page while this many loaded rows are still below the view. */
const PREFETCH_ROWS = 30;

export interface VirtualTableProps<T> {
  /** The scrolling region's name, for screen readers. */
  readonly label: string;
  readonly rows: readonly T[];
  // Columns of mixed value types: an array of them is typed `any` by TanStack Table's own helper too.
  readonly columns: readonly ColumnDef<T, any>[];
  readonly rowId: (row: T) => string;
  readonly rowTestId?: (row: T) => string;
  /** A row's height in px; with `measured`, the first guess before the row is measured. */
  readonly rowHeight: number;
  /** Rows differ in height (lists of issues): each is measured once shown. */
  readonly measured?: boolean;
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly loadMore: () => void;
  /** Rows of the previous filters, shown while the new ones load. */
  readonly stale?: boolean;
  readonly testId?: string;
}

/**
 * A table whose rows come a page at a time: only the rows in view (and a few around) are in the page,
 * so a hundred thousand loaded rows scroll as fast as ten, and the next page is asked for before the
 * last loaded row comes into view. The first column names the row (a row header).
 */
export function VirtualTable<T>({ label, rows, columns, rowId, rowTestId, rowHeight, measured = false, hasMore, loadingMore, loadMore, stale = false, testId }: VirtualTableProps<T>) {
  const table = useReactTable({
    data: rows as T[],
    columns: columns as ColumnDef<T, unknown>[],
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowId,
  });
  const modelRows = table.getRowModel().rows;

  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: modelRows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
  });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible[visible.length - 1]?.index ?? -1;

  useEffect(() => {
    if (hasMore && !loadingMore && lastVisible >= modelRows.length - PREFETCH_ROWS) loadMore();
  }, [hasMore, loadingMore, lastVisible, modelRows.length, loadMore]);

  const paddingTop = visible[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (visible[visible.length - 1]?.end ?? 0);
  const columnCount = columns.length;

  return (
    <div ref={scroller} className="table-scroller" role="region" aria-label={label} tabIndex={0} aria-busy={stale} data-testid={testId}>
      <table className={`data-table data-table--sticky-first${stale ? ' data-table--stale' : ''}`} aria-rowcount={modelRows.length + 1}>
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
          {paddingTop > 0 && (
            <tr aria-hidden="true" style={{ height: paddingTop }}>
              <td colSpan={columnCount} />
            </tr>
          )}
          {visible.map((item) => {
            const row = modelRows[item.index];
            if (!row) return null;
            return (
              <tr
                key={row.id}
                data-index={item.index}
                ref={measured ? virtualizer.measureElement : undefined}
                aria-rowindex={item.index + 2}
                style={measured ? undefined : { height: rowHeight }}
                data-testid={rowTestId?.(row.original)}
              >
                {row.getVisibleCells().map((cell, i) =>
                  i === 0 ? (
                    <th key={cell.id} scope="row">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </th>
                  ) : (
                    <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                  ),
                )}
              </tr>
            );
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true" style={{ height: paddingBottom }}>
              <td colSpan={columnCount} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
