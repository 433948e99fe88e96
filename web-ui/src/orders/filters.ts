/**
 * The orders page's filters live in its URL (`?seller=&channelId=&status=&updatedAfter=`), so a filtered
 * list can be linked to and gone back to. A channel is `<sellerId>.<marketplaceId>`, so it names its seller.
 */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { ORDER_STATUSES, ordersQuery, type OrderFilters, type OrderStatus } from '../api/orders';

export const SELLER_PARAM = 'seller';
export type OrderFilterName = typeof SELLER_PARAM | 'channelId' | 'status' | 'updatedAfter';

const CHANNEL_ID = /^([0-9a-f-]{36})\.([A-Z0-9]+)$/i;

/** The seller and marketplace a channel id names, or null for what is not a channel id. */
export function channelParts(channelId: string): { readonly sellerId: string; readonly marketplaceId: string } | null {
  const match = CHANNEL_ID.exec(channelId);
  return match ? { sellerId: match[1] as string, marketplaceId: match[2] as string } : null;
}

/**
 * The list's filters from the URL. A hand-edited unknown status or unreadable time shows every order
 * rather than a refusal; a channel of another seller than the one chosen is dropped.
 */
export function orderFiltersFrom(params: URLSearchParams): OrderFilters {
  const seller = params.get(SELLER_PARAM)?.trim() || undefined;
  const channel = channelParts(params.get('channelId')?.trim() ?? '');
  const status = params.get('status')?.trim() ?? '';
  const updatedAfter = params.get('updatedAfter')?.trim() ?? '';
  const channelId = channel && (seller === undefined || channel.sellerId === seller) ? `${channel.sellerId}.${channel.marketplaceId}` : undefined;
  const sellerId = seller ?? channel?.sellerId;
  return {
    ...(sellerId && { sellerId }),
    ...(channelId && { channelId }),
    ...((ORDER_STATUSES as readonly string[]).includes(status) && { status: status as OrderStatus }),
    ...(updatedAfter !== '' && !Number.isNaN(Date.parse(updatedAfter)) && { updatedAfter: new Date(updatedAfter).toISOString() }),
  };
}

/** The query the list's rows answer, in a fixed order: shown by the table once its rows are those of the filters. */
export function orderFiltersText(filters: OrderFilters): string {
  const query = ordersQuery(filters);
  const params = new URLSearchParams();
  for (const name of ['channelId', 'sellerId', 'status', 'updatedAfter'] as const) {
    const value = query[name];
    if (value) params.set(name, value);
  }
  return params.toString();
}

export function useOrderFilters(): [OrderFilters, (name: OrderFilterName, value: string) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => orderFiltersFrom(params), [params]);
  const setFilter = useCallback(
    (name: OrderFilterName, value: string) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value.trim() === '') next.delete(name);
        else next.set(name, value.trim());
        // Another seller's channel means nothing: choosing a seller forgets the channel.
        if (name === SELLER_PARAM) next.delete('channelId');
        return next;
      }),
    [setParams],
  );
  return [filters, setFilter];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An ISO time as a `datetime-local` input shows it, in the browser's time zone: "2026-12-01T10:00". */
export function localInputOf(iso: string | undefined): string {
  if (iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A `datetime-local` input's value (the browser's time zone) as an ISO time in UTC; '' for an empty or unreadable one. */
export function isoOfLocalInput(value: string): string {
  if (value.trim() === '') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
