import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useChannels, type Channel } from '../api/channels';
import { MARKETPLACES } from '../api/marketplaces';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { SearchBox } from '../components/SearchBox';
import { VirtualTable } from '../components/VirtualTable';
import { formatDateTime, plural } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { SellerStatusBadge } from '../sellers/SellerStatusBadge';
import { useTenantLink } from '../session/tenant';
import { useChannelFilters } from './filters';

const column = createColumnHelper<Channel>();

export function ChannelsPage() {
  return (
    <>
      <h1 className="page-title">Channels</h1>
      <RequireTenant>
        <ChannelList />
      </RequireTenant>
    </>
  );
}

/** Every seller of the tenant in each of its marketplaces, with its mappings and when FBA quantities were read. */
function ChannelList() {
  const [filters, setFilter] = useChannelFilters();
  const channels = useChannels(filters);
  const loaded = channels.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = useChannelColumns();
  const filtered = filters.q !== undefined || filters.marketplaceId !== undefined;
  return (
    <section className="panel" aria-label="Channel list">
      <p className="muted">
        A channel is a seller in one of its marketplaces. Its mappings say which SKUs update jobs may change there, within which guardrails.
      </p>
      <form className="filters" role="search" aria-label="Filter channels" onSubmit={(e) => e.preventDefault()}>
        <SearchBox
          id="channel-search"
          label="Selling partner id starts with"
          value={filters.q ?? ''}
          onSearch={(value) => setFilter('q', value.toUpperCase())}
          placeholder="A1B2…"
        />
        <div className="field">
          <label htmlFor="filter-channel-marketplace">Marketplace</label>
          <select id="filter-channel-marketplace" value={filters.marketplaceId ?? ''} onChange={(e) => setFilter('marketplaceId', e.target.value)}>
            <option value="">any</option>
            {MARKETPLACES.map((m) => (
              <option key={m.id} value={m.id}>
                {m.country} · {m.name}
              </option>
            ))}
          </select>
        </div>
      </form>
      {channels.isPending ? (
        <Loading>Loading channels…</Loading>
      ) : channels.isError && loaded.length === 0 ? (
        <ErrorNotice error={channels.error} onRetry={() => channels.refetch()} />
      ) : (
        <>
          {channels.isError && <ErrorNotice error={channels.error} onRetry={() => channels.refetch()} />}
          <p className="muted" role="status" data-testid="channel-count">
            {plural(loaded.length, 'channel')} loaded{channels.hasNextPage ? '; more load as you scroll' : ''}
            {channels.isPlaceholderData && ' · updating…'}
          </p>
          {loaded.length === 0 && !channels.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="channels-empty">
                {filtered ? 'No channel matches these filters.' : 'No channels yet: connect a seller and each of its marketplaces becomes one.'}
              </span>
            </EmptyState>
          ) : (
            <VirtualTable
              label="List of channels"
              rows={loaded}
              columns={columns}
              rowId={(channel) => channel.id}
              rowTestId={(channel) => `channel-row-${channel.id}`}
              rowHeight={44}
              hasMore={channels.hasNextPage && !channels.isFetchNextPageError}
              loadingMore={channels.isFetchingNextPage}
              loadMore={() => void channels.fetchNextPage()}
              stale={channels.isPlaceholderData}
              testId="channels-table"
            />
          )}
        </>
      )}
    </section>
  );
}

function useChannelColumns() {
  const link = useTenantLink();
  return useMemo(
    () => [
      column.accessor('sellingPartnerId', {
        header: 'Channel',
        cell: (info) => (
          <Link to={link(`/channels/${info.row.original.id}`)} data-testid="channel-link">
            {info.getValue()} · {info.row.original.marketplace}
          </Link>
        ),
      }),
      column.accessor('sellerStatus', { header: 'Seller status', cell: (info) => <SellerStatusBadge status={info.getValue()} /> }),
      column.accessor('marketplaceId', { header: 'Marketplace', cell: (info) => <code>{info.getValue()}</code> }),
      column.accessor('currency', { header: 'Currency' }),
      column.accessor('mappings', {
        header: 'Mappings',
        cell: (info) => <span data-testid="channel-mappings">{info.getValue().toLocaleString('en')}</span>,
      }),
      column.accessor('fbaSyncedAt', {
        header: 'FBA synced',
        cell: (info) => (info.getValue() ? formatDateTime(info.getValue()) : <span className="muted">never</span>),
      }),
    ],
    [link],
  );
}
