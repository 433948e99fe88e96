import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useInventory, useSyncInventory, type Channel, type InventoryRow } from '../api/channels';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { VirtualTable } from '../components/VirtualTable';
import { formatClock, formatDateTime, plural } from '../format';
import { useMappingFilters } from './filters';
import { FulfillmentFilters } from './MappingsPanel';

const column = createColumnHelper<InventoryRow>();

/**
 * The channel's SKUs with Amazon's FBA quantity (read every sync) beside the quantity spgate listed for
 * MFN ones; "Sync now" asks for a sync and the page follows until it shows.
 */
export function InventoryPanel({ channel }: { readonly channel: Channel }) {
  const [filters, setFilter] = useMappingFilters();
  const { mutation: sync, waiting } = useSyncInventory(channel.id);
  const inventory = useInventory(channel.id, filters, waiting);
  const loaded = inventory.data?.pages.flatMap((page) => page.items) ?? [];
  const syncedAt = inventory.data?.pages[0]?.syncedAt ?? null;
  const columns = useMemo(() => inventoryColumns(), []);
  const syncPending = waiting !== null && syncedAt === waiting.syncedAt;
  return (
    <section className="panel" aria-labelledby="inventory-heading">
      <div className="panel__head">
        <h2 id="inventory-heading">Inventory</h2>
        <button type="button" onClick={() => sync.mutate(syncedAt)} disabled={sync.isPending}>
          {sync.isPending ? 'Asking…' : 'Sync now'}
        </button>
      </div>
      <p data-testid="inventory-synced">
        Amazon's FBA quantities read: <strong>{syncedAt ? formatDateTime(syncedAt) : 'never'}</strong>
        <span className="muted"> · read again every few minutes for channels with FBA mappings</span>
      </p>
      {sync.isError && <ErrorNotice error={sync.error} />}
      {waiting !== null && (
        <p className="notice" role="status" data-testid="inventory-sync-asked">
          {syncPending
            ? `Sync asked at ${formatClock(new Date(waiting.askedAt))}; this page shows the new quantities once Amazon's are in.`
            : 'The sync is done; the quantities below are the new ones.'}
        </p>
      )}
      <FulfillmentFilters idPrefix="inventory" filters={filters} onFilter={setFilter} />
      {inventory.isPending ? (
        <Loading>Loading inventory…</Loading>
      ) : inventory.isError && loaded.length === 0 ? (
        <ErrorNotice error={inventory.error} onRetry={() => inventory.refetch()} />
      ) : (
        <>
          {inventory.isError && <ErrorNotice error={inventory.error} onRetry={() => inventory.refetch()} />}
          <p className="muted" role="status" data-testid="inventory-count">
            {plural(loaded.length, 'SKU')} loaded{inventory.hasNextPage ? '; more load as you scroll' : ''}
          </p>
          {loaded.length === 0 && !inventory.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="inventory-empty">No mapped SKU{filters.q || filters.fulfillment ? ' matches these filters' : ' yet'}.</span>
            </EmptyState>
          ) : (
            <VirtualTable
              label="Inventory by SKU"
              rows={loaded}
              columns={columns}
              rowId={(row) => row.sku}
              rowTestId={(row) => `inventory-row-${row.sku}`}
              rowHeight={44}
              hasMore={inventory.hasNextPage && !inventory.isFetchNextPageError}
              loadingMore={inventory.isFetchingNextPage}
              loadMore={() => void inventory.fetchNextPage()}
              stale={inventory.isPlaceholderData}
              testId="inventory-table"
            />
          )}
        </>
      )}
    </section>
  );
}

const dash = <span className="muted">—</span>;

function inventoryColumns() {
  return [
    column.accessor('sku', { header: 'SKU', cell: (info) => <code>{info.getValue()}</code> }),
    column.accessor('asin', { header: 'ASIN', cell: (info) => <code>{info.getValue()}</code> }),
    column.accessor('fulfillment', { header: 'Fulfillment' }),
    column.accessor('fbaQuantity', { header: 'FBA quantity (Amazon)', cell: (info) => info.getValue() ?? dash }),
    column.accessor('fbaSyncedAt', { header: 'FBA read', cell: (info) => (info.getValue() ? formatDateTime(info.getValue()) : dash) }),
    column.accessor('listedQuantity', { header: 'Listed quantity (MFN)', cell: (info) => info.getValue() ?? dash }),
    column.accessor('listedAt', { header: 'Listed', cell: (info) => (info.getValue() ? formatDateTime(info.getValue()) : dash) }),
  ];
}
