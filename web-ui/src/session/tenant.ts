/**
 * Which tenant's data the console shows. A tenant's session shows its own; an administrator picks
 * one, kept in the URL (`?tenant=<id>`) so it survives reloads, deep links and the back button.
 */
import { useCallback } from 'react';
import { useLocation, useSearchParams, type To } from 'react-router';
import type { Session } from '../api/session';

export const TENANT_PARAM = 'tenant';

export interface TenantScope {
  /** The tenant whose data pages show; null for an administrator who picked none. */
  readonly tenantId: string | null;
  /** The tenant an administrator acts for, sent as `tenantId`; null for a tenant's own session. */
  readonly actingTenantId: string | null;
}

export function tenantScope(session: Session, chosen: string | null): TenantScope {
  if (!session.admin) return { tenantId: session.tenantId, actingTenantId: null };
  return { tenantId: chosen, actingTenantId: chosen };
}

export function useChosenTenant(): [string | null, (tenantId: string | null) => void] {
  const [params, setParams] = useSearchParams();
  // Another tenant's filters and choices mean nothing there: only the tenant carries over.
  const choose = useCallback(
    (tenantId: string | null) => setParams(tenantId ? { [TENANT_PARAM]: tenantId } : {}),
    [setParams],
  );
  return [params.get(TENANT_PARAM), choose];
}

/** A link target that keeps the chosen tenant. */
export function useTenantLink(): (pathname: string, search?: Record<string, string>) => To {
  const location = useLocation();
  const tenant = new URLSearchParams(location.search).get(TENANT_PARAM);
  return useCallback(
    (pathname: string, search: Record<string, string> = {}) => {
      const params = new URLSearchParams(search);
      if (tenant) params.set(TENANT_PARAM, tenant);
      const query = params.toString();
      return { pathname, search: query === '' ? '' : `?${query}` };
    },
    [tenant],
  );
}
