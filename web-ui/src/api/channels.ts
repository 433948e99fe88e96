/**
 * Channels (issue 20): a channel is one seller in one of its marketplaces (`<sellerId>.<marketplaceId>`);
 * its mappings say which of the seller's SKUs spgate may update there and within which guardrails, and
 * its inventory holds Amazon's FBA quantities beside the quantities spgate listed.
 */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useApi } from './ApiProvider';
import type { FileBody } from './client';
import type { Page, SellerStatus, Region } from './sellers';

export interface Channel {
  readonly id: string;
  readonly sellerId: string;
  readonly sellingPartnerId: string;
  readonly marketplaceId: string;
  /** Amazon's country code of the marketplace, e.g. "US". */
  readonly marketplace: string;
  readonly region: Region;
  /** ISO 4217 code of the marketplace's currency. */
  readonly currency: string;
  readonly sellerStatus: SellerStatus;
  /** How many mappings the channel has. */
  readonly mappings: number;
  readonly fbaSyncedAt: string | null;
}

export type Fulfillment = 'FBA' | 'MFN';
export const FULFILLMENTS: readonly Fulfillment[] = ['FBA', 'MFN'];
export type ConflictStrategy = 'master_wins' | 'channel_wins';

export interface Money {
  /** A decimal; the gateway may write it as a JSON number or a string. */
  readonly amount: number | string;
  readonly currency: string;
}

export interface Guardrails {
  readonly minPrice: number | null;
  readonly maxPrice: number | null;
  /** Largest change from the last price, in percent (0, 1000]. */
  readonly maxChangePercent: number | null;
  /** Units kept back from what is available before listing. */
  readonly stockBuffer: number;
  readonly maxQuantity: number | null;
}

export interface Mapping {
  readonly channelId: string;
  readonly sku: string;
  readonly asin: string;
  readonly fulfillment: Fulfillment;
  readonly conflictStrategy: ConflictStrategy;
  readonly productType: string;
  readonly guardrails: Guardrails;
  readonly lastPrice: Money | null;
  readonly lastPriceAt: string | null;
  readonly listedQuantity: number | null;
  readonly listedAt: string | null;
  readonly fbaQuantity: number | null;
  readonly fbaSyncedAt: string | null;
  readonly updatedAt: string;
}

/** What a PUT of one mapping sends (the mapping's own fields; the channel and SKU are in the path). */
export interface MappingChange {
  readonly asin: string;
  readonly fulfillment: Fulfillment;
  readonly conflictStrategy: ConflictStrategy;
  readonly productType: string;
  readonly guardrails: Guardrails;
}

export interface ImportRejection {
  /** 1-based data line (the header is not counted). */
  readonly line: number;
  readonly code: string;
  readonly detail: string;
}

export interface ImportResult {
  readonly imported: number;
  readonly rejected: readonly ImportRejection[];
}

export interface InventoryRow {
  readonly sku: string;
  readonly asin: string;
  readonly fulfillment: Fulfillment;
  readonly fbaQuantity: number | null;
  readonly fbaSyncedAt: string | null;
  readonly listedQuantity: number | null;
  readonly listedAt: string | null;
}

export interface InventoryPage extends Page<InventoryRow> {
  /** When Amazon's FBA quantities were last read for the channel; null before the first sync. */
  readonly syncedAt: string | null;
}

export interface ChannelFilters {
  readonly q?: string;
  readonly sellerId?: string;
  readonly marketplaceId?: string;
}

export interface MappingFilters {
  /** SKU prefix. */
  readonly q?: string;
  readonly fulfillment?: Fulfillment;
}

export const CHANNEL_PAGE_SIZE = 100;
export const MAPPING_PAGE_SIZE = 200;
/** How often the inventory is asked for again after "Sync now", until its syncedAt moves. */
export const SYNC_POLL_MS = 3_000;
/** How long the page waits for an asked-for sync before it stops asking. */
export const SYNC_WAIT_MS = 120_000;

/** The columns of a mappings import in CSV, in the contract's order. */
export const MAPPING_CSV_COLUMNS = ['sku', 'asin', 'fulfillment', 'productType', 'minPrice', 'maxPrice', 'maxChangePercent', 'stockBuffer', 'maxQuantity'] as const;

export const conflictStrategyOf = (fulfillment: Fulfillment): ConflictStrategy => (fulfillment === 'MFN' ? 'master_wins' : 'channel_wins');

/** The import's content type from the file's name or type: NDJSON (`.ndjson`, `.jsonl`) or else CSV. */
export function importBody(file: File): FileBody {
  const ndjson = /\.(ndjson|jsonl)$/i.test(file.name) || file.type === 'application/x-ndjson';
  return { file, contentType: ndjson ? 'application/x-ndjson' : 'text/csv' };
}

const channelPath = (channelId: string) => `/v1/channels/${encodeURIComponent(channelId)}`;
const mappingPath = (channelId: string, sku: string) => `${channelPath(channelId)}/mappings/${encodeURIComponent(sku)}`;

function useChannelsKey() {
  const { scope } = useApi();
  return ['channels', scope.actingTenantId] as const;
}

/** Channels page by page (cursor); the previous result stays while a new filter loads. */
export function useChannels(filters: ChannelFilters) {
  const { client } = useApi();
  const key = useChannelsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<Channel>>('/v1/channels', { query: { ...filters, limit: CHANNEL_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useChannel(channelId: string) {
  const { client } = useApi();
  const key = useChannelsKey();
  return useQuery({
    queryKey: [...key, 'one', channelId],
    queryFn: ({ signal }) => client.get<Channel>(channelPath(channelId), { signal }),
  });
}

/** A channel's mappings by SKU, a page at a time. */
export function useMappings(channelId: string, filters: MappingFilters) {
  const { client } = useApi();
  const key = useChannelsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'mappings', channelId, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      client.get<Page<Mapping>>(`${channelPath(channelId)}/mappings`, { query: { ...filters, limit: MAPPING_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useMapping(channelId: string, sku: string | null) {
  const { client } = useApi();
  const key = useChannelsKey();
  return useQuery({
    queryKey: [...key, 'mappings', channelId, 'one', sku],
    queryFn: ({ signal }) => client.get<Mapping>(mappingPath(channelId, sku ?? ''), { signal }),
    enabled: sku !== null,
  });
}

/** What a change of mappings makes stale: the channel's mappings, its count in the channel, its inventory. */
function useInvalidateChannel(channelId: string) {
  const queryClient = useQueryClient();
  const key = useChannelsKey();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: [...key, 'mappings', channelId] }),
      queryClient.invalidateQueries({ queryKey: [...key, 'inventory', channelId] }),
      queryClient.invalidateQueries({ queryKey: [...key, 'one', channelId] }),
      queryClient.invalidateQueries({ queryKey: [...key, 'list'] }),
    ]);
}

export function usePutMapping(channelId: string) {
  const { client } = useApi();
  const invalidate = useInvalidateChannel(channelId);
  return useMutation({
    mutationFn: ({ sku, change }: { readonly sku: string; readonly change: MappingChange }) =>
      client.put<Mapping>(mappingPath(channelId, sku), { sku, ...change }),
    onSuccess: invalidate,
  });
}

export function useDeleteMapping(channelId: string) {
  const { client } = useApi();
  const invalidate = useInvalidateChannel(channelId);
  return useMutation({ mutationFn: (sku: string) => client.delete(mappingPath(channelId, sku)), onSuccess: invalidate });
}

/** Imports a CSV or NDJSON file of mappings, sent as it is; the answer names the lines refused. */
export function useImportMappings(channelId: string) {
  const { client } = useApi();
  const invalidate = useInvalidateChannel(channelId);
  return useMutation({
    mutationFn: (file: File) => client.upload<ImportResult>(`${channelPath(channelId)}/mappings/import`, importBody(file)),
    onSuccess: invalidate,
  });
}

/**
 * The channel's inventory, a page at a time. After "Sync now" (`awaiting` = the syncedAt seen when it
 * was asked) it asks again every few seconds until syncedAt moves, for at most two minutes.
 */
export function useInventory(channelId: string, filters: MappingFilters, awaiting: SyncWait | null) {
  const { client } = useApi();
  const key = useChannelsKey();
  return useInfiniteQuery({
    queryKey: [...key, 'inventory', channelId, filters],
    queryFn: ({ pageParam, signal }) =>
      client.get<InventoryPage>(`${channelPath(channelId)}/inventory`, { query: { ...filters, limit: MAPPING_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      if (awaiting === null || Date.now() - awaiting.askedAt > SYNC_WAIT_MS) return false;
      return (query.state.data?.pages[0]?.syncedAt ?? null) === awaiting.syncedAt ? SYNC_POLL_MS : false;
    },
  });
}

export interface SyncWait {
  /** The syncedAt the page showed when the sync was asked for. */
  readonly syncedAt: string | null;
  readonly askedAt: number;
}

/** Asks for an FBA sync now (202); the inventory then follows until it shows the new sync. */
export function useSyncInventory(channelId: string) {
  const { client } = useApi();
  const [waiting, setWaiting] = useState<SyncWait | null>(null);
  const mutation = useMutation({
    mutationFn: (_syncedAt: string | null) => client.post<unknown>(`${channelPath(channelId)}/inventory/sync`, undefined),
    onSuccess: (_, syncedAt) => setWaiting({ syncedAt, askedAt: Date.now() }),
  });
  return { mutation, waiting };
}
