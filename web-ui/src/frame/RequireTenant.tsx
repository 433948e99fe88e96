import type { ReactNode } from 'react';
import { useApi } from '../api/ApiProvider';

/** Pages about one tenant's data: an administrator who chose no tenant is asked to choose one. */
export function RequireTenant({ children }: { readonly children: ReactNode }) {
  const { scope } = useApi();
  if (scope.tenantId !== null) return <>{children}</>;
  return (
    <section className="panel" aria-labelledby="pick-tenant-heading" data-testid="pick-tenant">
      <h2 id="pick-tenant-heading">Pick a tenant</h2>
      <p>
        You are signed in as an administrator. Choose a tenant in the Tenant menu at the top to see its sellers,
        quotas and overview.
      </p>
    </section>
  );
}
