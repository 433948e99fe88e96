import { useState } from 'react';
import { useMe, useRevokeKey, type ApiKey } from '../api/keys';
import { ConfirmMutation } from '../components/ConfirmDialog';
import { formatDateTime } from '../format';

export function KeyList({ tenantId, keys }: { readonly tenantId: string | null; readonly keys: readonly ApiKey[] }) {
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const revoke = useRevokeKey(tenantId);
  const me = useMe();
  const ownKeyId = me.data?.keyId;

  return (
    <div className="table-scroller table-scroller--auto" role="region" aria-label="API keys" tabIndex={0}>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Starts with</th>
            <th scope="col">Scopes</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key.id} data-testid={`key-row-${key.prefix}`}>
              <th scope="row">
                {key.name}
                {key.id === ownKeyId && <span className="badge badge--small tone--neutral">this session</span>}
              </th>
              <td>
                <code>{key.prefix}</code>
              </td>
              <td>{key.scopes.join(', ')}</td>
              <td>{formatDateTime(key.createdAt)}</td>
              <td>
                {key.revokedAt ? (
                  <span className="muted">revoked {formatDateTime(key.revokedAt)}</span>
                ) : (
                  <button type="button" className="button--danger" onClick={() => setRevoking(key)} aria-label={`Revoke ${key.name}`}>
                    Revoke…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoking && (
        <ConfirmMutation
          title={`Revoke key "${revoking.name}"?`}
          message={
            <p>
              Calls with the key starting <code>{revoking.prefix}</code> are refused from now on.
              {revoking.id === ownKeyId && ' You signed in with this key: this session ends too.'}
            </p>
          }
          confirmLabel="Revoke key"
          mutation={revoke}
          variables={revoking.id}
          onClose={() => setRevoking(null)}
        />
      )}
    </div>
  );
}
