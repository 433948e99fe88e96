import { createColumnHelper } from '@tanstack/react-table';
import { useMemo, useState, type ReactNode } from 'react';
import { FULFILLMENTS, useMappings, type Channel, type Guardrails, type Mapping } from '../api/channels';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { SearchBox } from '../components/SearchBox';
import { VirtualTable } from '../components/VirtualTable';
import { formatDateTime, formatMoney, plural } from '../format';
import { EditGuardrailsDialog } from './EditGuardrailsDialog';
import { useMappingFilters } from './filters';
import { MappingImport } from './MappingImport';

const column = createColumnHelper<Mapping>();

/** The channel's mappings by SKU (search by prefix, filter by fulfillment), each guardrail editable, and an import. */
export function MappingsPanel({ channel }: { readonly channel: Channel }) {
  const [filters, setFilter] = useMappingFilters();
  const mappings = useMappings(channel.id, filters);
  const loaded = mappings.data?.pages.flatMap((page) => page.items) ?? [];
  const [editing, setEditing] = useState<Mapping | null>(null);
  const columns = useMemo(() => mappingColumns(channel.currency, setEditing), [channel.currency]);
  const filtered = filters.q !== undefined || filters.fulfillment !== undefined;
  return (
    <section className="panel" aria-labelledby="mappings-heading">
      <h2 id="mappings-heading">Mappings</h2>
      <FulfillmentFilters idPrefix="mapping" filters={filters} onFilter={setFilter} />
      {mappings.isPending ? (
        <Loading>Loading mappings…</Loading>
      ) : mappings.isError && loaded.length === 0 ? (
        <ErrorNotice error={mappings.error} onRetry={() => mappings.refetch()} />
      ) : (
        <>
          {mappings.isError && <ErrorNotice error={mappings.error} onRetry={() => mappings.refetch()} />}
          <p className="muted" role="status" data-testid="mapping-count">
            {plural(loaded.length, 'mapping')} loaded{mappings.hasNextPage ? '; more load as you scroll' : ''}
            {mappings.isPlaceholderData && ' · updating…'}
          </p>
          {loaded.length === 0 && !mappings.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="mappings-empty">
                {filtered ? 'No mapping matches these filters.' : 'No mappings yet: import a file of them below.'}
              </span>
            </EmptyState>
          ) : (
            <VirtualTable
              label="List of mappings"
              rows={loaded}
              columns={columns}
              rowId={(mapping) => mapping.sku}
              rowTestId={(mapping) => `mapping-row-${mapping.sku}`}
              rowHeight={44}
              hasMore={mappings.hasNextPage && !mappings.isFetchNextPageError}
              loadingMore={mappings.isFetchingNextPage}
              loadMore={() => void mappings.fetchNextPage()}
              stale={mappings.isPlaceholderData}
              testId="mappings-table"
            />
          )}
        </>
      )}
      <MappingImport channelId={channel.id} />
      {editing && <EditGuardrailsDialog mapping={editing} currency={channel.currency} onClose={() => setEditing(null)} />}
    </section>
  );
}

export interface FulfillmentFiltersProps {
  readonly idPrefix: string;
  readonly filters: { readonly q?: string; readonly fulfillment?: string };
  readonly onFilter: (name: 'q' | 'fulfillment', value: string) => void;
}

/** SKU prefix and fulfillment, the filters of both the mappings and the inventory. */
export function FulfillmentFilters({ idPrefix, filters, onFilter }: FulfillmentFiltersProps) {
  return (
    <form className="filters" role="search" aria-label={`Filter ${idPrefix === 'mapping' ? 'mappings' : 'inventory'}`} onSubmit={(e) => e.preventDefault()}>
      <SearchBox id={`${idPrefix}-search`} label="SKU starts with" value={filters.q ?? ''} onSearch={(value) => onFilter('q', value)} />
      <div className="field">
        <label htmlFor={`${idPrefix}-fulfillment`}>Fulfillment</label>
        <select id={`${idPrefix}-fulfillment`} value={filters.fulfillment ?? ''} onChange={(e) => onFilter('fulfillment', e.target.value)}>
          <option value="">any</option>
          {FULFILLMENTS.map((f) => (
            <option key={f} value={f}>
              {f === 'FBA' ? 'FBA (Amazon ships)' : 'MFN (the seller ships)'}
            </option>
          ))}
        </select>
      </div>
    </form>
  );
}

function price(value: number | null, currency: string) {
  return value === null ? <span className="muted">none</span> : formatMoney(value, currency);
}

function mappingColumns(currency: string, edit: (mapping: Mapping) => void) {
  const guardrail = <K extends keyof Guardrails>(key: K, header: string, show: (value: Guardrails[K]) => ReactNode) =>
    column.accessor((m) => m.guardrails[key], { id: key, header, cell: (info) => show(info.getValue() as Guardrails[K]) });
  return [
    column.accessor('sku', { header: 'SKU', cell: (info) => <code>{info.getValue()}</code> }),
    column.display({
      id: 'edit',
      header: () => <span className="visually-hidden">Guardrails</span>,
      cell: (info) => (
        <button type="button" onClick={() => edit(info.row.original)} aria-label={`Edit the guardrails of ${info.row.original.sku}`}>
          Edit…
        </button>
      ),
    }),
    column.accessor('asin', { header: 'ASIN', cell: (info) => <code>{info.getValue()}</code> }),
    column.accessor('fulfillment', { header: 'Fulfillment' }),
    guardrail('minPrice', 'Lowest price', (v) => price(v, currency)),
    guardrail('maxPrice', 'Highest price', (v) => price(v, currency)),
    guardrail('maxChangePercent', 'Largest change', (v) => (v === null ? <span className="muted">any</span> : `${v}%`)),
    guardrail('stockBuffer', 'Stock buffer', (v) => v),
    guardrail('maxQuantity', 'Most units', (v) => (v === null ? <span className="muted">no cap</span> : v)),
    column.accessor('lastPrice', {
      header: 'Last price',
      cell: (info) => {
        const last = info.getValue();
        return last ? (
          <span title={`sent ${formatDateTime(info.row.original.lastPriceAt)}`}>{formatMoney(last.amount, last.currency)}</span>
        ) : (
          <span className="muted">none yet</span>
        );
      },
    }),
    column.accessor('listedQuantity', { header: 'Listed', cell: (info) => info.getValue() ?? <span className="muted">—</span> }),
    column.accessor('fbaQuantity', { header: 'FBA', cell: (info) => info.getValue() ?? <span className="muted">—</span> }),
  ];
}
