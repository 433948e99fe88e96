import { useQuery } from '@tanstack/react-query';
import { useApi } from './ApiProvider';
import type { Page } from './sellers';

export interface Tenant {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
}

/** Every tenant, for an administrator's tenant switcher. */
export function useTenants(enabled: boolean) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['tenants'],
    queryFn: ({ signal }) => client.get<Page<Tenant>>('/v1/tenants', { query: { limit: 500 }, tenantScoped: false, signal }),
    enabled,
    staleTime: 60_000,
  });
}
