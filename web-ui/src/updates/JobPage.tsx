import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isCancellable, isOpen, ITEM_STATUSES, useCancelJob, useJob, useJobEvents, useRefreshJobItems, type Job } from '../api/updates';
import { ConfirmMutation } from '../components/ConfirmDialog';
import { ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime, plural } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { useTenantLink } from '../session/tenant';
import { STATUS_PARAM, useStatusParam } from './filters';
import { JobCounts } from './JobCounts';
import { JobItemsPanel } from './JobItemsPanel';
import { jobName } from './JobList';
import { JobProgressBar } from './JobProgressBar';
import { JobStatusBadge } from './JobStatusBadge';
import { FinishText } from './JobTimes';

export function JobPage() {
  return (
    <RequireTenant>
      <JobView />
    </RequireTenant>
  );
}

/**
 * One update job: its progress followed live by its events (or every 2 s when they fail), counts by
 * status that filter its items, when it should end, Cancel while items wait, and the items themselves.
 */
function JobView() {
  const { jobId = '' } = useParams();
  const [eventsFailed, setEventsFailed] = useState(false);
  const job = useJob(jobId, eventsFailed);
  const open = isOpen(job.data?.status);
  useJobEvents(jobId, open && !eventsFailed, () => setEventsFailed(true));
  const [itemStatus] = useStatusParam(ITEM_STATUSES);
  const refreshItems = useRefreshJobItems(jobId);
  const link = useTenantLink();

  // The items seen while the job ran move once more when it ends: ask for them once then.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (wasOpen.current && !open) void refreshItems();
    wasOpen.current = open;
  }, [open, refreshItems]);

  return (
    <>
      <p className="breadcrumb">
        <Link to={link('/updates')}>← Updates</Link>
      </p>
      {job.isPending ? (
        <Loading>Loading the update job…</Loading>
      ) : job.isError && !job.data ? (
        <>
          <h1 className="page-title">Update job</h1>
          <ErrorNotice error={job.error} onRetry={() => job.refetch()} />
        </>
      ) : (
        <>
          <div className="page-head">
            <h1 className="page-title">Update job {job.data.id.slice(0, 8)}</h1>
            <JobStatusBadge status={job.data.status} testId="job-status" size="large" />
          </div>
          {job.isError && <ErrorNotice error={job.error} onRetry={() => job.refetch()} />}
          <section className="panel" aria-labelledby="job-progress-heading">
            <h2 id="job-progress-heading">Progress</h2>
            <JobProgressBar job={job.data} label="Progress of this job" testId="job-progress" size="large" />
            <JobCounts
              job={job.data}
              testIdPrefix="job-count"
              linkTo={(status) => link(`/updates/${job.data.id}`, { [STATUS_PARAM]: status })}
            />
            <p data-testid="job-finish">
              Ends: <FinishText job={job.data} />
            </p>
            {open && (
              <p className="muted small" role="status" data-testid="job-following">
                {eventsFailed ? 'This page asks the gateway every 2 s.' : 'This page follows the job live.'}
              </p>
            )}
            <CancelJob job={job.data} />
          </section>
          <JobItemsPanel job={job.data} status={itemStatus} onRefresh={refreshItems} />
          <section className="panel" aria-label="Job details">
            <JobDetails job={job.data} />
          </section>
        </>
      )}
    </>
  );
}

function JobDetails({ job }: { readonly job: Job }) {
  return (
    <dl className="details">
      <dt>Created</dt>
      <dd>{formatDateTime(job.createdAt)}</dd>
      <dt>Last change</dt>
      <dd>{formatDateTime(job.updatedAt)}</dd>
      <dt>Finished</dt>
      <dd>{job.finishedAt ? formatDateTime(job.finishedAt) : 'not yet'}</dd>
      <dt>Items</dt>
      <dd>{plural(job.total, 'item')}</dd>
      <dt>Refused when sent</dt>
      <dd>{plural(job.rejectedAtIntake, 'line')}</dd>
      <dt>Job id</dt>
      <dd>
        <code>{job.id}</code>
      </dd>
    </dl>
  );
}

/** Cancel, after a confirmation, while items wait to be sent; those already sent keep going. */
function CancelJob({ job }: { readonly job: Job }) {
  const [confirming, setConfirming] = useState(false);
  const cancel = useCancelJob(job.id);
  if (!isCancellable(job) && !confirming) return null;
  return (
    <>
      <div className="actions__buttons">
        <button type="button" className="button--danger" onClick={() => setConfirming(true)}>
          Cancel job…
        </button>
      </div>
      {confirming && (
        <ConfirmMutation
          title="Cancel this update job?"
          message={
            <p>
              The {plural(job.counts.pending, 'item')} not sent yet {job.counts.pending === 1 ? 'is' : 'are'} cancelled. Items already sent to Amazon (
              {job.counts.sent.toLocaleString('en')} now) keep going and get their result. Job {jobName(job)}.
            </p>
          }
          confirmLabel="Cancel job"
          cancelLabel="Keep it running"
          mutation={cancel}
          variables={undefined}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}
