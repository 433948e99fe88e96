import type { UseMutationResult } from '@tanstack/react-query';
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

export interface ConfirmMutationProps<V> extends Omit<ConfirmDialogProps, 'busy' | 'error' | 'onConfirm' | 'onCancel'> {
  readonly mutation: UseMutationResult<unknown, unknown, V>;
  /** What the mutation runs with once confirmed. */
  readonly variables: V;
  /** Closes the dialog: after cancelling, and after success unless `onDone` says otherwise. */
  readonly onClose: () => void;
  readonly onDone?: () => void;
}

/** Asks before one mutation: confirming runs it (the dialog stays, with its error, if it fails); cancelling forgets its error. */
export function ConfirmMutation<V>({ mutation, variables, onClose, onDone = onClose, ...texts }: ConfirmMutationProps<V>) {
  return (
    <ConfirmDialog
      {...texts}
      busy={mutation.isPending}
      error={mutation.error}
      onCancel={() => {
        mutation.reset();
        onClose();
      }}
      onConfirm={() => mutation.mutate(variables, { onSuccess: () => onDone() })}
    />
  );
}
