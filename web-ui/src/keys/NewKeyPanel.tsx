import { useState } from 'react';
import type { CreatedKey } from '../api/keys';
import { Dialog } from '../components/Dialog';

type CopyState = 'idle' | 'copied' | 'unavailable';

/** The new key, shown this once: the gateway keeps only its hash. */
export function NewKeyPanel({ created, onClose }: { readonly created: CreatedKey; readonly onClose: () => void }) {
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copyKey() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      // Without a secure context or permission the clipboard is absent: the key stays selectable.
      setCopy('unavailable');
    }
  }

  return (
    <Dialog title={`Key "${created.name}" created`} onClose={onClose} testId="new-key">
      <p className="notice notice--warn" role="note">
        Copy this key now. It will not be shown again: the gateway keeps only a hash of it.
      </p>
      <label htmlFor="new-key-value">API key</label>
      <input id="new-key-value" className="key-value" readOnly value={created.key} onFocus={(e) => e.currentTarget.select()} data-testid="new-key-value" />
      <p role="status" className="muted">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'unavailable' && 'This browser does not allow copying here; select the key and copy it yourself.'}
      </p>
      <div className="dialog__actions">
        <button type="button" onClick={copyKey}>
          Copy
        </button>
        <button type="button" className="button--primary" onClick={onClose}>
          I have copied it
        </button>
      </div>
    </Dialog>
  );
}
