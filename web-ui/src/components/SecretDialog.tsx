import { useState, type ReactNode } from 'react';
import { Dialog } from './Dialog';

type CopyState = 'idle' | 'copied' | 'unavailable';

export interface SecretDialogProps {
  readonly title: string;
  /** What the secret is, as its field's label ("API key", "Signing secret"). */
  readonly label: string;
  /** The secret in a sentence ("key", "secret"). */
  readonly noun: string;
  readonly secret: string;
  /** Why it is shown only now; said above the secret. */
  readonly warning: ReactNode;
  readonly onClose: () => void;
  readonly testId: string;
  readonly valueTestId: string;
  readonly inputId: string;
  readonly children?: ReactNode;
}

/** A secret the gateway shows this once (an API key, a webhook's signing secret): selectable, with a Copy button. */
export function SecretDialog({ title, label, noun, secret, warning, onClose, testId, valueTestId, inputId, children }: SecretDialogProps) {
  const [copy, setCopy] = useState<CopyState>('idle');

  async function copySecret() {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setCopy('copied');
    } catch {
      // Without a secure context or permission the clipboard is absent: the secret stays selectable.
      setCopy('unavailable');
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <p className="notice notice--warn" role="note">
        {warning}
      </p>
      <label htmlFor={inputId}>{label}</label>
      <input id={inputId} className="key-value" readOnly value={secret} onFocus={(e) => e.currentTarget.select()} data-testid={valueTestId} />
      {children}
      <p role="status" className="muted">
        {copy === 'copied' && 'Copied to the clipboard.'}
        {copy === 'unavailable' && `This browser does not allow copying here; select the ${noun} and copy it yourself.`}
      </p>
      <div className="dialog__actions">
        <button type="button" onClick={copySecret}>
          Copy
        </button>
        <button type="button" className="button--primary" onClick={onClose}>
          I have copied it
        </button>
      </div>
    </Dialog>
  );
}
