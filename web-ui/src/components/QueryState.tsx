import type { ReactNode } from 'react';
import { errorWords } from '../api/problem';

export function Loading({ children = 'Loading…' }: { readonly children?: ReactNode }) {
  return (
    <p className="state state--loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" /> {children}
    </p>
  );
}

/** A failed call in words, with the way to try again. */
export function ErrorNotice({ error, onRetry }: { readonly error: unknown; readonly onRetry?: () => void }) {
  return (
    <div className="error" role="alert" data-testid="error-notice">
      <span>{errorWords(error)}</span>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function EmptyState({ children }: { readonly children: ReactNode }) {
  return (
    <div className="state state--empty" data-testid="empty-state">
      {children}
    </div>
  );
}
