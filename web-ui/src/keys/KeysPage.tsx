import { useState } from 'react';
import { useApi } from '../api/ApiProvider';
import { useKeys, type CreatedKey } from '../api/keys';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { CreateKeyForm } from './CreateKeyForm';
import { KeyList } from './KeyList';
import { NewKeyPanel } from './NewKeyPanel';

/** A tenant's API keys, or the administrators' own when an administrator chose no tenant. */
export function KeysPage() {
  const { scope } = useApi();
  const keys = useKeys(scope.tenantId);
  const [created, setCreated] = useState<CreatedKey | null>(null);
  return (
    <>
      <h1 className="page-title">API keys</h1>
      <p className="muted">{scope.tenantId === null ? "Administrators' keys (choose a tenant to see its keys)." : "This tenant's keys."}</p>
      <section className="panel">
        <CreateKeyForm tenantId={scope.tenantId} onCreated={setCreated} />
      </section>
      <section className="panel" aria-label="Keys">
        {keys.isPending ? (
          <Loading>Loading keys…</Loading>
        ) : keys.isError ? (
          <ErrorNotice error={keys.error} onRetry={() => keys.refetch()} />
        ) : keys.data.items.length === 0 ? (
          <EmptyState>No keys yet.</EmptyState>
        ) : (
          <KeyList tenantId={scope.tenantId} keys={keys.data.items} />
        )}
      </section>
      {created && <NewKeyPanel created={created} onClose={() => setCreated(null)} />}
    </>
  );
}
