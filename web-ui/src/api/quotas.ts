import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider';

/** One of a seller's token buckets (`GET /v1/quotas?sellerId=`). */
export interface QuotaBucket {
  readonly operation: string;
  readonly api: string;
  readonly method: string;
  readonly region: string;
  readonly tokens: number;
  readonly burst: number;
  readonly ratePerSecond: number;
  readonly planRatePerSecond: number;
  /** Where the rate in force comes from: the gateway's rate table, or Amazon's x-amzn-RateLimit-Limit. */
  readonly rateSource: 'table' | 'amazon';
  readonly waiting: number;
}

export interface Quotas {
  readonly sellerId: string;
  readonly operations: readonly QuotaBucket[];
}

export const QUOTAS_POLL_MS = 1_000;

export function useQuotas(sellerId: string | null) {
  const { client, scope } = useApi();
  return useQuery({
    queryKey: ['quotas', scope.actingTenantId, sellerId],
    queryFn: ({ signal }) => client.get<Quotas>('/v1/quotas', { query: { sellerId }, signal }),
    enabled: sellerId !== null,
    refetchInterval: QUOTAS_POLL_MS,
  });
}
