import type { ReactNode } from 'react';
import { Dialog } from './Dialog';
import { ErrorNotice } from './QueryState';

export interface ConfirmDialogProps {
  readonly title: string;
  readonly message: ReactNode;
  readonly confirmLabel: string;
  /** The button that leaves things as they are; "Cancel" unless that would be ambiguous. */
  readonly cancelLabel?: string;
  readonly busy: boolean;
  readonly error: unknown;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}

/** Asks before something that cannot be undone; Cancel has the focus first, so Enter does no harm. */
export function ConfirmDialog({ title, message, confirmLabel, cancelLabel = 'Cancel', busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <Dialog title={title} onClose={onCancel} testId="confirm-dialog">
      <div className="dialog__body">{message}</div>
      {error != null && <ErrorNotice error={error} />}
      <div className="dialog__actions">
        <button type="button" autoFocus onClick={onCancel}>
          {cancelLabel}
        </button>
        <button type="button" className="button--danger" onClick={onConfirm} disabled={busy}>
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
