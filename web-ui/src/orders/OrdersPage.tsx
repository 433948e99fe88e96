import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { marketplaceLabel } from '../api/marketplaces';
import { ORDER_STATUSES, useOrders, type Order, type OrderFilters } from '../api/orders';
import { useSeller, type Seller } from '../api/sellers';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { VirtualTable } from '../components/VirtualTable';
import { formatDateTime, formatMoney, plural } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { SellerPicker } from '../quotas/SellerPicker';
import { SellerName } from '../sellers/SellerName';
import { useTenantLink } from '../session/tenant';
import { channelParts, isoOfLocalInput, localInputOf, orderFiltersText, SELLER_PARAM, useOrderFilters, type OrderFilterName } from './filters';
import { OrderStatusBadge } from './OrderStatusBadge';
import { ORDER_STATUS_WORDS } from './words';

const column = createColumnHelper<Order>();

export function OrdersPage() {
  return (
    <>
      <h1 className="page-title">Orders</h1>
      <RequireTenant>
        <Orders />
      </RequireTenant>
    </>
  );
}

/** Every channel's orders in one list, filtered by seller, channel, status and time through the URL; live while few pages are loaded. */
function Orders() {
  const [filters, setFilter] = useOrderFilters();
  const sellerId = filters.sellerId ?? null;
  const seller = useSeller(sellerId);
  const link = useTenantLink();
  const keep = (chosen: Seller) => {
    const search: Record<string, string> = { [SELLER_PARAM]: chosen.id };
    if (filters.status) search.status = filters.status;
    if (filters.updatedAfter) search.updatedAfter = filters.updatedAfter;
    return link('/orders', search);
  };
  return (
    <>
      <section className="panel" aria-labelledby="order-seller-heading">
        <h2 id="order-seller-heading">Seller</h2>
        {sellerId === null ? (
          <p className="muted">Every seller's orders are listed; choose a seller to see only its orders, or one of its marketplaces.</p>
        ) : (
          <p data-testid="order-seller">
            Orders of <code>{seller.data?.sellingPartnerId ?? sellerId}</code> ·{' '}
            <button type="button" className="button--link" onClick={() => setFilter(SELLER_PARAM, '')}>
              show every seller's
            </button>
          </p>
        )}
        <SellerPicker searchId="order-seller-search" linkTo={keep} />
      </section>
      <OrderList filters={filters} onFilter={setFilter} seller={seller.data ?? null} />
    </>
  );
}

interface OrderListProps {
  readonly filters: OrderFilters;
  readonly onFilter: (name: OrderFilterName, value: string) => void;
  /** The chosen seller, whose marketplaces are its channels. */
  readonly seller: Seller | null;
}

function OrderList({ filters, onFilter, seller }: OrderListProps) {
  const orders = useOrders(filters);
  const loaded = orders.data?.pages.flatMap((page) => page.items) ?? [];
  const columns = useOrderColumns(filters.sellerId === undefined);
  const resultsFor = orderFiltersText(filters);
  const filtered = resultsFor !== '';
  const marketplaceId = filters.channelId ? channelParts(filters.channelId)?.marketplaceId : undefined;
  const marketplaces = seller?.marketplaceIds ?? (marketplaceId ? [marketplaceId] : []);
  return (
    <section className="panel" aria-labelledby="orders-heading">
      <h2 id="orders-heading">Orders{filters.sellerId ? ' of this seller' : ''}</h2>
      <p className="muted small">Oldest change first: an order that changes moves to the end. The list follows new changes every few seconds.</p>
      <form className="filters" role="search" aria-label="Filter orders" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-order-channel">Marketplace</label>
          <select
            id="filter-order-channel"
            value={marketplaceId ?? ''}
            disabled={filters.sellerId === undefined}
            aria-describedby="filter-order-channel-help"
            onChange={(e) => onFilter('channelId', e.target.value === '' ? '' : `${filters.sellerId}.${e.target.value}`)}
          >
            <option value="">any</option>
            {marketplaces.map((id) => (
              <option key={id} value={id}>
                {marketplaceLabel(id)} ({id})
              </option>
            ))}
          </select>
          <span id="filter-order-channel-help" className="muted small">
            {filters.sellerId === undefined ? 'Choose a seller first.' : "The seller's channel in this marketplace."}
          </span>
        </div>
        <div className="field">
          <label htmlFor="filter-order-status">Status</label>
          <select id="filter-order-status" value={filters.status ?? ''} onChange={(e) => onFilter('status', e.target.value)}>
            <option value="">any</option>
            {ORDER_STATUSES.map((status) => (
              <option key={status} value={status}>
                {ORDER_STATUS_WORDS[status]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-order-updated">Changed after</label>
          <input
            id="filter-order-updated"
            type="datetime-local"
            value={localInputOf(filters.updatedAfter)}
            onChange={(e) => onFilter('updatedAfter', isoOfLocalInput(e.target.value))}
          />
        </div>
      </form>
      {orders.isPending ? (
        <Loading>Loading orders…</Loading>
      ) : orders.isError && loaded.length === 0 ? (
        <ErrorNotice error={orders.error} onRetry={() => orders.refetch()} />
      ) : (
        <>
          {orders.isError && <ErrorNotice error={orders.error} onRetry={() => orders.refetch()} />}
          <p className="muted" role="status" data-testid="order-count">
            {plural(loaded.length, 'order')} loaded{orders.hasNextPage ? '; more load as you scroll' : ''}
            {orders.isPlaceholderData && ' · updating…'}
          </p>
          {loaded.length === 0 && !orders.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="orders-empty" data-results-for={resultsFor}>
                {filtered ? 'No order matches these filters.' : 'No orders yet: they come from Amazon once a seller is connected.'}
              </span>
            </EmptyState>
          ) : (
            <div data-results-for={orders.isPlaceholderData ? undefined : resultsFor}>
              <VirtualTable
                label="List of orders"
                rows={loaded}
                columns={columns}
                rowId={(order) => order.id}
                rowTestId={(order) => `order-row-${order.id}`}
                rowHeight={44}
                hasMore={orders.hasNextPage && !orders.isFetchNextPageError}
                loadingMore={orders.isFetchingNextPage}
                loadMore={() => void orders.fetchNextPage()}
                stale={orders.isPlaceholderData}
                testId="orders-table"
              />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function useOrderColumns(showSeller: boolean) {
  const link = useTenantLink();
  return useMemo(
    () => [
      column.accessor('amazonOrderId', {
        header: 'Order',
        cell: (info) => (
          <Link to={link(`/orders/${info.row.original.id}`)} data-testid="order-link">
            {info.getValue()}
          </Link>
        ),
      }),
      column.accessor('status', {
        header: 'Status',
        cell: (info) => <OrderStatusBadge status={info.getValue()} testId={`order-status-${info.row.original.id}`} />,
      }),
      column.accessor('fulfillment', { header: 'Fulfillment' }),
      ...(showSeller ? [column.accessor('sellerId', { header: 'Seller', cell: (info) => <SellerName sellerId={info.getValue()} /> })] : []),
      column.accessor('marketplaceId', { header: 'Marketplace', cell: (info) => (info.getValue() ? marketplaceLabel(info.getValue() as string) : '—') }),
      column.accessor('purchasedAt', { header: 'Purchased', cell: (info) => formatDateTime(info.getValue()) }),
      column.accessor('shipBy', { header: 'Ship by', cell: (info) => (info.getValue() ? formatDateTime(info.getValue()) : '—') }),
      column.accessor((order) => order.items.reduce((sum, item) => sum + item.quantity, 0), { id: 'units', header: 'Units' }),
      column.accessor('total', {
        header: 'Total',
        cell: (info) => {
          const total = info.getValue();
          return total ? formatMoney(total.amount, total.currency ?? info.row.original.currency ?? '') : '—';
        },
      }),
      column.accessor('updatedAt', { header: 'Changed', cell: (info) => formatDateTime(info.getValue()) }),
    ],
    [link, showSeller],
  );
}
