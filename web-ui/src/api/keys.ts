/**
 * API keys: a tenant's (`/v1/tenants/:id/keys`), or the administrators' own (`/v1/admin/keys`) when an
 * administrator acts for no tenant. The secret is in the create answer only.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider';

export type KeyScope = 'tenant:read' | 'tenant:write' | 'admin';

export interface ApiKey {
  readonly id: string;
  readonly tenantId: string | null;
  readonly name: string;
  readonly prefix: string;
  readonly scopes: readonly KeyScope[];
  readonly createdAt: string;
  readonly revokedAt?: string;
}

export interface CreatedKey extends ApiKey {
  readonly key: string;
}

export interface Me {
  readonly keyId: string;
  readonly tenantId: string | null;
  readonly scopes: readonly string[];
}

export function keysPath(tenantId: string | null): string {
  return tenantId === null ? '/v1/admin/keys' : `/v1/tenants/${tenantId}/keys`;
}

function useKeysKey(tenantId: string | null) {
  return ['keys', tenantId] as const;
}

export function useKeys(tenantId: string | null) {
  const { client } = useApi();
  return useQuery({
    queryKey: useKeysKey(tenantId),
    queryFn: ({ signal }) => client.get<{ items: readonly ApiKey[] }>(keysPath(tenantId), { tenantScoped: false, signal }),
  });
}

/** The key this session signed in with, to warn before it is revoked. */
export function useMe() {
  const { client } = useApi();
  return useQuery({ queryKey: ['me'], queryFn: ({ signal }) => client.get<Me>('/v1/me', { tenantScoped: false, signal }) });
}

export function useCreateKey(tenantId: string | null) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useKeysKey(tenantId);
  return useMutation({
    mutationFn: (request: { readonly name: string; readonly scopes: readonly KeyScope[] }) =>
      client.post<CreatedKey>(keysPath(tenantId), tenantId === null ? { name: request.name } : request, { tenantScoped: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRevokeKey(tenantId: string | null) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  const key = useKeysKey(tenantId);
  return useMutation({
    mutationFn: (keyId: string) => client.delete(`${keysPath(tenantId)}/${keyId}`, { tenantScoped: false }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
