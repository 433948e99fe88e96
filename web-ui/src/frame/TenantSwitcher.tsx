import { useTenants } from '../api/tenants';
import { useChosenTenant } from '../session/tenant';

/** An administrator's choice of the tenant the pages show and act for. */
export function TenantSwitcher() {
  const [chosen, choose] = useChosenTenant();
  const tenants = useTenants(true);
  const items = tenants.data?.items ?? [];
  return (
    <div className="tenant-switcher">
      <label htmlFor="tenant-switcher">Tenant</label>
      <select
        id="tenant-switcher"
        value={chosen ?? ''}
        onChange={(e) => choose(e.target.value === '' ? null : e.target.value)}
        aria-describedby={tenants.isError ? 'tenant-switcher-error' : undefined}
      >
        <option value="">{tenants.isPending ? 'Loading tenants…' : 'None (administration)'}</option>
        {items.map((tenant) => (
          <option key={tenant.id} value={tenant.id}>
            {tenant.name}
          </option>
        ))}
        {chosen && !tenants.isPending && !items.some((t) => t.id === chosen) && <option value={chosen}>{chosen}</option>}
      </select>
      {tenants.isError && (
        <span id="tenant-switcher-error" className="tenant-switcher__error">
          Tenants could not be loaded.
        </span>
      )}
    </div>
  );
}
