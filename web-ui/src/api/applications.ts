import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import type { Page } from './sellers';

/** An SP-API application the tenant may connect sellers under (`GET /v1/applications`); secrets never shown. */
export interface Application {
  readonly id: string;
  readonly applicationId: string;
  readonly owner: 'operator' | 'tenant';
  readonly draft: boolean;
}

export function useApplications() {
  const { client, scope } = useApi();
  return useQuery({
    queryKey: ['applications', scope.actingTenantId],
    queryFn: ({ signal }) => client.get<Page<Application>>('/v1/applications', { query: { limit: 500 }, signal }),
    staleTime: 60_000,
  });
}
