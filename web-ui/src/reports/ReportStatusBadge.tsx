import type { JobStatus } from '../api/reports';

export const JOB_STATUS_WORDS: Record<JobStatus, string> = {
  REQUESTED: 'requested',
  IN_QUEUE: "in Amazon's queue",
  IN_PROGRESS: 'in progress',
  DONE: 'done',
  CANCELLED: 'cancelled',
  FATAL: 'fatal',
  FAILED: 'failed',
};

const TONES: Record<JobStatus, string> = {
  REQUESTED: 'warn',
  IN_QUEUE: 'warn',
  IN_PROGRESS: 'warn',
  DONE: 'ok',
  CANCELLED: 'neutral',
  FATAL: 'bad',
  FAILED: 'bad',
};

/** A job's status in words; `data-status` keeps Amazon's word for tests and scripts. */
export function ReportStatusBadge({ status, testId, size = 'small' }: { readonly status: JobStatus; readonly testId?: string; readonly size?: 'small' | 'large' }) {
  return (
    <span className={`badge badge--${size} tone--${TONES[status]}`} data-testid={testId} data-status={status}>
      {JOB_STATUS_WORDS[status]}
    </span>
  );
}
