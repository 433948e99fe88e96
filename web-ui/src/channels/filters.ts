/** The channel pages' choices live in their URL, so a filtered list or a tab can be linked to and gone back to. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { FULFILLMENTS, type ChannelFilters, type Fulfillment, type MappingFilters } from '../api/channels';

function useParam() {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (name: string, value: string) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (value.trim() === '') next.delete(name);
        else next.set(name, value.trim());
        return next;
      }),
    [setParams],
  );
  return [params, set] as const;
}

export function channelFiltersFrom(params: URLSearchParams): ChannelFilters {
  const q = params.get('q')?.trim();
  const marketplaceId = params.get('marketplaceId')?.trim();
  return { ...(q && { q }), ...(marketplaceId && { marketplaceId }) };
}

export function useChannelFilters(): [ChannelFilters, (name: 'q' | 'marketplaceId', value: string) => void] {
  const [params, set] = useParam();
  return [useMemo(() => channelFiltersFrom(params), [params]), set];
}

/** A mapping or inventory filter: SKU prefix (`q`) and fulfillment; an unknown fulfillment shows both. */
export function mappingFiltersFrom(params: URLSearchParams): MappingFilters {
  const q = params.get('q')?.trim();
  const fulfillment = params.get('fulfillment')?.trim() as Fulfillment | undefined;
  return { ...(q && { q }), ...(fulfillment && FULFILLMENTS.includes(fulfillment) && { fulfillment }) };
}

export function useMappingFilters(): [MappingFilters, (name: 'q' | 'fulfillment', value: string) => void] {
  const [params, set] = useParam();
  return [useMemo(() => mappingFiltersFrom(params), [params]), set];
}

export const TABS = ['mappings', 'inventory'] as const;
export type ChannelTab = (typeof TABS)[number];

export function useChannelTab(): ChannelTab {
  const [params] = useSearchParams();
  return params.get('tab') === 'inventory' ? 'inventory' : 'mappings';
}
