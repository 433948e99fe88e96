/** The sellers page's filters live in its URL, so a filtered list can be linked to and gone back to. */
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router';
import type { SellerFilters } from '../api/sellers';

export const FILTER_NAMES = ['q', 'status', 'region', 'marketplaceId', 'application'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];

const STATUSES: readonly string[] = ['active', 'reauth_required', 'disabled'];
const REGIONS: readonly string[] = ['na', 'eu', 'fe'];

export function filtersFrom(params: URLSearchParams): SellerFilters {
  const filters: Partial<Record<FilterName, string>> = {};
  for (const name of FILTER_NAMES) {
    const value = params.get(name)?.trim();
    if (value) filters[name] = value;
  }
  // A hand-edited URL with an unknown status or region shows every seller rather than a refusal.
  if (filters.status && !STATUSES.includes(filters.status)) delete filters.status;
  if (filters.region && !REGIONS.includes(filters.region)) delete filters.region;
  return filters as SellerFilters;
}

/** A fixed-order text of the filters, which the table shows once its rows answer them. */
export function filtersText(filters: SellerFilters): string {
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = filters[name];
    if (value) params.set(name, value);
  }
  return params.toString();
}

export function useSellerFilters(): [SellerFilters, (name: FilterName, value: string, options?: { replace?: boolean }) => void] {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const setFilter = useCallback(
    (name: FilterName, value: string, options: { replace?: boolean } = {}) =>
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value.trim() === '') next.delete(name);
          else next.set(name, value.trim());
          return next;
        },
        { replace: options.replace ?? false },
      ),
    [setParams],
  );
  return [filters, setFilter];
}
