import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { isOpen, JOB_STATUSES, useJobEvents, useJobs, type Job } from '../api/updates';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime, plural } from '../format';
import { useTenantLink } from '../session/tenant';
import { useStatusParam } from './filters';
import { JobCounts } from './JobCounts';
import { JobProgressBar } from './JobProgressBar';
import { JobStatusBadge } from './JobStatusBadge';
import { FinishText } from './JobTimes';
import { JOB_STATUS_WORDS } from './words';

/**
 * Each event stream holds one of the browser's few connections to the gateway (6 over HTTP/1.1), so
 * the list follows at most this many open jobs by their events; any other open job is polled with the list.
 */
export const MAX_FOLLOWED = 3;

/** The open jobs of the list followed by their events: the first few whose stream has not failed. */
export function followedJobs(jobs: readonly Job[], failed: ReadonlySet<string>): Set<string> {
  return new Set(jobs.filter((job) => isOpen(job.status) && !failed.has(job.id)).slice(0, MAX_FOLLOWED).map((job) => job.id));
}

/** Update jobs newest first, 50 at a time, filtered by status; open ones live. */
export function JobList() {
  const [status, setStatus] = useStatusParam(JOB_STATUSES);
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const filters = status === undefined ? {} : { status };
  // The list polls while an open job in it is not followed by its own events.
  const [poll, setPoll] = useState(false);
  const jobs = useJobs(filters, poll);
  const loaded = jobs.data?.pages.flatMap((page) => page.items) ?? [];
  const followed = followedJobs(loaded, failed);
  const mustPoll = loaded.some((job) => isOpen(job.status) && !followed.has(job.id));
  if (mustPoll !== poll) setPoll(mustPoll);
  const onFailed = useCallback((jobId: string) => setFailed((prev) => (prev.has(jobId) ? prev : new Set(prev).add(jobId))), []);

  return (
    <section className="panel" aria-labelledby="jobs-heading">
      <h2 id="jobs-heading">Update jobs</h2>
      <form className="filters" role="search" aria-label="Filter update jobs" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor="filter-job-status">Status</label>
          <select id="filter-job-status" value={status ?? ''} onChange={(e) => setStatus(e.target.value as (typeof JOB_STATUSES)[number] | '')}>
            <option value="">any</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {JOB_STATUS_WORDS[s]}
              </option>
            ))}
          </select>
        </div>
      </form>
      {jobs.isPending ? (
        <Loading>Loading update jobs…</Loading>
      ) : jobs.isError && loaded.length === 0 ? (
        <ErrorNotice error={jobs.error} onRetry={() => jobs.refetch()} />
      ) : (
        <>
          {jobs.isError && <ErrorNotice error={jobs.error} onRetry={() => jobs.refetch()} />}
          {loaded.length === 0 && !jobs.isPlaceholderData ? (
            <EmptyState>
              <span data-testid="jobs-empty">{status ? 'No job has this status.' : 'No update jobs yet. Start one with New update job.'}</span>
            </EmptyState>
          ) : (
            <>
              <div className="table-scroller table-scroller--auto" role="region" aria-label="List of update jobs" tabIndex={0}>
                <table className={`data-table data-table--sticky-first${jobs.isPlaceholderData ? ' data-table--stale' : ''}`} data-testid="jobs-table">
                  <thead>
                    <tr>
                      <th scope="col">Job</th>
                      <th scope="col">Status</th>
                      <th scope="col">Progress</th>
                      <th scope="col">Items by status</th>
                      <th scope="col">Items</th>
                      <th scope="col">Ends</th>
                    </tr>
                  </thead>
                  <tbody>
                    {loaded.map((job) => (
                      <JobRow key={job.id} job={job} live={followed.has(job.id)} onFailed={onFailed} />
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted" role="status">
                {plural(loaded.length, 'job')} shown{jobs.isPlaceholderData && ' · updating…'}
              </p>
              {jobs.hasNextPage && (
                <button type="button" onClick={() => void jobs.fetchNextPage()} disabled={jobs.isFetchingNextPage}>
                  {jobs.isFetchingNextPage ? 'Loading…' : 'Load more'}
                </button>
              )}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** A short name for a job: when it was made, and the start of its id. */
export function jobName(job: Job): string {
  return `${formatDateTime(job.createdAt)} · ${job.id.slice(0, 8)}`;
}

function JobRow({ job, live, onFailed }: { readonly job: Job; readonly live: boolean; readonly onFailed: (jobId: string) => void }) {
  const link = useTenantLink();
  useJobEvents(job.id, live, () => onFailed(job.id));
  return (
    <tr data-testid={`job-row-${job.id}`} data-live={live || undefined}>
      <th scope="row">
        <Link to={link(`/updates/${job.id}`)}>{jobName(job)}</Link>
      </th>
      <td>
        <JobStatusBadge status={job.status} testId={`job-status-${job.id}`} />
      </td>
      <td>
        <JobProgressBar job={job} label={`Progress of job ${jobName(job)}`} testId={`job-progress-${job.id}`} />
      </td>
      <td>
        <JobCounts job={job} nonZeroOnly />
      </td>
      <td>
        {job.total.toLocaleString('en')}
        {job.rejectedAtIntake > 0 && <span className="muted"> (+{job.rejectedAtIntake.toLocaleString('en')} refused)</span>}
      </td>
      <td>
        <FinishText job={job} />
      </td>
    </tr>
  );
}
