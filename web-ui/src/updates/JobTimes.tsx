import type { Job } from '../api/updates';
import { formatDateTime, formatDuration } from '../format';

/** "in 3 min" from now, or "now" once the time has passed. */
export function fromNow(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (!Number.isFinite(seconds)) return '';
  return seconds <= 0 ? 'now' : `in ${formatDuration(seconds)}`;
}

/** When the job ended, or when the gateway expects it to, with how long that is from now. */
export function FinishText({ job }: { readonly job: Job }) {
  if (job.finishedAt) return <>finished {formatDateTime(job.finishedAt)}</>;
  if (job.estimatedCompletionAt) {
    return (
      <>
        about <time dateTime={job.estimatedCompletionAt}>{formatDateTime(job.estimatedCompletionAt)}</time>{' '}
        <span className="muted">({fromNow(job.estimatedCompletionAt)})</span>
      </>
    );
  }
  return <span className="muted">not estimated yet</span>;
}
