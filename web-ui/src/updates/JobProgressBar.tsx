import { ITEM_STATUSES, type Job } from '../api/updates';
import { percentOf } from '../format';

/** The bar's parts, left to right: results first (good, refused, replaced or cancelled), then what is on its way. */
const ORDER = ['accepted', 'applied', 'rejected', 'superseded', 'cancelled', 'sent'] as const;

export interface JobProgressBarProps {
  readonly job: Job;
  /** The bar's name for screen readers, e.g. "Progress of the job of 16:05". */
  readonly label: string;
  readonly testId?: string;
  readonly size?: 'small' | 'large';
}

/**
 * How far a job is: its share of items with a final result as a whole percent (rounded down, so 100%
 * means every item has one), drawn in parts by status so refusals show as they come in.
 */
export function JobProgressBar({ job, label, testId, size = 'small' }: JobProgressBarProps) {
  const percent = percentOf(job.progress);
  const final = ITEM_STATUSES.filter((s) => s !== 'pending' && s !== 'sent').reduce((sum, s) => sum + job.counts[s], 0);
  return (
    <div className={`job-progress job-progress--${size}`} data-testid={testId} data-progress={percent}>
      <div
        className="job-progress__bar"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%: ${final.toLocaleString('en')} of ${job.total.toLocaleString('en')} items have a result`}
      >
        {job.total > 0 &&
          ORDER.filter((status) => job.counts[status] > 0).map((status) => (
            <span
              key={status}
              className={`job-progress__part swatch--${status}`}
              data-part={status}
              style={{ width: `${(100 * job.counts[status]) / job.total}%` }}
            />
          ))}
      </div>
      <span className="job-progress__percent">{percent}%</span>
    </div>
  );
}
