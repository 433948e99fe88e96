import { useState, type FormEvent } from 'react';
import type { CreatedKey, KeyScope } from '../api/keys';
import { useCreateKey } from '../api/keys';
import { ErrorNotice } from '../components/QueryState';

export interface CreateKeyFormProps {
  /** The tenant the key is for; null makes an administrator's key. */
  readonly tenantId: string | null;
  readonly onCreated: (key: CreatedKey) => void;
}

export function CreateKeyForm({ tenantId, onCreated }: CreateKeyFormProps) {
  const create = useCreateKey(tenantId);
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const scopes: KeyScope[] = write ? ['tenant:read', 'tenant:write'] : ['tenant:read'];
    create.mutate(
      { name: name.trim(), scopes },
      {
        onSuccess: (created) => {
          setName('');
          onCreated(created);
        },
      },
    );
  }

  return (
    <form className="form form--inline" onSubmit={submit} aria-labelledby="create-key-heading">
      <h2 id="create-key-heading">Create a key</h2>
      <div className="field">
        <label htmlFor="key-name">Name</label>
        <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} required placeholder="e.g. order sync" />
      </div>
      {tenantId !== null ? (
        <div className="field field--check">
          <input id="key-write" type="checkbox" checked={write} onChange={(e) => setWrite(e.target.checked)} />
          <label htmlFor="key-write">May change data (tenant:write); without it the key only reads</label>
        </div>
      ) : (
        <p className="muted">An administrator's key manages every tenant.</p>
      )}
      <button type="submit" className="button--primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : 'Create key'}
      </button>
      {create.isError && <ErrorNotice error={create.error} />}
    </form>
  );
}
