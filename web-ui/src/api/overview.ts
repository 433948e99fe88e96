import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider';

export interface OverviewPoint {
  readonly at: string;
  readonly calls: number;
  readonly callsPerSecond: number;
  readonly throttles: number;
  /** Failed access-token refreshes of the tenant's sellers in this slot. */
  readonly tokenFailures: number;
  readonly quotaWaitP99Ms: number | null;
  /** Not every gateway reports these per slot; charts without them show the figure alone. */
  readonly reauthRequired?: number;
  readonly tokenErrors?: number;
}

export interface Overview {
  readonly sellers: {
    readonly total: number;
    readonly active: number;
    readonly reauthRequired: number;
    readonly disabled: number;
    readonly tokenErrors: number;
  };
  /** The latest ended slot. */
  readonly now: {
    readonly callsPerSecond: number;
    readonly throttles: number;
    readonly tokenFailures: number;
    readonly quotaWaitP99Ms: number | null;
  };
  readonly lastHour: {
    readonly calls: number;
    readonly throttles: number;
    readonly tokenFailures: number;
    readonly quotaWaitP99Ms: number | null;
  };
  readonly history: { readonly slotSeconds: number; readonly points: readonly OverviewPoint[] };
}

export const OVERVIEW_POLL_MS = 5_000;

export function useOverview() {
  const { client, scope } = useApi();
  return useQuery({
    queryKey: ['overview', scope.actingTenantId],
    queryFn: ({ signal }) => client.get<Overview>('/v1/overview', { signal }),
    refetchInterval: OVERVIEW_POLL_MS,
  });
}
