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

/** One tenant (`GET /v1/tenants/{id}`): a tenant's own session may read its own, for its name. */
export function useTenant(tenantId: string | null) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['tenant', tenantId],
    queryFn: ({ signal }) => client.get<Tenant>(`/v1/tenants/${encodeURIComponent(tenantId ?? '')}`, { tenantScoped: false, signal }),
    enabled: tenantId !== null,
    staleTime: 5 * 60_000,
  });
}
