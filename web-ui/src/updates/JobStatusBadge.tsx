import type { ItemStatus, JobStatus } from '../api/updates';
import { ITEM_STATUS_TONES, ITEM_STATUS_WORDS, JOB_STATUS_TONES, JOB_STATUS_WORDS } from './words';

/** A job's status in words; `data-status` keeps the gateway's word for tests and scripts. */
export function JobStatusBadge({ status, testId, size = 'small' }: { readonly status: JobStatus; readonly testId?: string; readonly size?: 'small' | 'large' }) {
  return (
    <span className={`badge badge--${size} tone--${JOB_STATUS_TONES[status]}`} data-testid={testId} data-status={status}>
      {JOB_STATUS_WORDS[status]}
    </span>
  );
}

export function ItemStatusBadge({ status }: { readonly status: ItemStatus }) {
  return (
    <span className={`badge badge--small tone--${ITEM_STATUS_TONES[status]}`} data-status={status}>
      {ITEM_STATUS_WORDS[status]}
    </span>
  );
}
