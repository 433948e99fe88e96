import { useCallback, type ReactNode } from 'react';
import { useApplications } from '../api/applications';
import { MARKETPLACES, REGION_NAMES } from '../api/marketplaces';
import type { SellerFilters } from '../api/sellers';
import { SearchBox } from '../components/SearchBox';
import type { FilterName } from './filters';
import { STATUS_WORDS } from './SellerStatusBadge';

export interface SellerFilterBarProps {
  readonly filters: SellerFilters;
  readonly onChange: (name: FilterName, value: string, options?: { replace?: boolean }) => void;
}

/** The list's server-side filters; each change is a new URL (typing replaces, so Back skips keystrokes). */
export function SellerFilterBar({ filters, onChange }: SellerFilterBarProps) {
  const applications = useApplications();
  const search = useCallback((value: string) => onChange('q', value.toUpperCase(), { replace: true }), [onChange]);
  return (
    <form className="filters" role="search" aria-label="Filter sellers" onSubmit={(e) => e.preventDefault()}>
      <SearchBox id="seller-search" label="Selling partner id starts with" value={filters.q ?? ''} onSearch={search} placeholder="A1B2…" />
      <Select id="filter-status" label="Status" value={filters.status} onChange={(v) => onChange('status', v)}>
        {Object.entries(STATUS_WORDS).map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </Select>
      <Select id="filter-region" label="Region" value={filters.region} onChange={(v) => onChange('region', v)}>
        {Object.entries(REGION_NAMES).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </Select>
      <Select id="filter-marketplace" label="Marketplace" value={filters.marketplaceId} onChange={(v) => onChange('marketplaceId', v)}>
        {MARKETPLACES.map((m) => (
          <option key={m.id} value={m.id}>
            {m.country} ({m.id})
          </option>
        ))}
      </Select>
      <Select id="filter-application" label="Application" value={filters.application} onChange={(v) => onChange('application', v)}>
        {(applications.data?.items ?? []).map((app) => (
          <option key={app.id} value={app.id}>
            {app.id}
          </option>
        ))}
        {filters.application && !applications.data?.items.some((a) => a.id === filters.application) && (
          <option value={filters.application}>{filters.application}</option>
        )}
      </Select>
    </form>
  );
}

interface SelectProps {
  readonly id: string;
  readonly label: string;
  readonly value: string | undefined;
  readonly onChange: (value: string) => void;
  readonly children: ReactNode;
}

function Select({ id, label, value, onChange, children }: SelectProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">any</option>
        {children}
      </select>
    </div>
  );
}
