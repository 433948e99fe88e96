import { statusLabel, statusTone } from '../format';

export interface StatusBadgeProps {
  readonly status: string;
  readonly size?: 'large' | 'small';
  readonly testId?: string;
}

export function StatusBadge({ status, size = 'small', testId }: StatusBadgeProps) {
  return (
    <span className={`badge badge--${size} tone--${statusTone(status)}`} data-testid={testId}>
      {statusLabel(status)}
    </span>
  );
}
