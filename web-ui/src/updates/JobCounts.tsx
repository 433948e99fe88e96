import { Link, type To } from 'react-router';
import { ITEM_STATUSES, type ItemStatus, type Job } from '../api/updates';
import { ITEM_STATUS_MEANING, ITEM_STATUS_WORDS } from './words';

export interface JobCountsProps {
  readonly job: Job;
  /** Only the statuses that have items (the list's compact form). */
  readonly nonZeroOnly?: boolean;
  /** Where a count leads: the job's items of that status. */
  readonly linkTo?: (status: ItemStatus) => To;
  readonly testIdPrefix?: string;
}

/** The job's items per status, each with the colour it has in the progress bar. */
export function JobCounts({ job, nonZeroOnly = false, linkTo, testIdPrefix }: JobCountsProps) {
  const shown = ITEM_STATUSES.filter((status) => !nonZeroOnly || job.counts[status] > 0);
  return (
    <ul className={`job-counts${nonZeroOnly ? ' job-counts--compact' : ''}`} aria-label="Items by status">
      {shown.map((status) => {
        const text = (
          <>
            <span className={`swatch swatch--${status}`} aria-hidden="true" />
            {ITEM_STATUS_WORDS[status]} <strong>{job.counts[status].toLocaleString('en')}</strong>
          </>
        );
        return (
          <li key={status} data-testid={testIdPrefix ? `${testIdPrefix}-${status}` : undefined} data-count={job.counts[status]} title={ITEM_STATUS_MEANING[status]}>
            {linkTo && job.counts[status] > 0 ? <Link to={linkTo(status)}>{text}</Link> : text}
          </li>
        );
      })}
    </ul>
  );
}
