import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { marketplaceLabel } from '../api/marketplaces';
import {
  CANCELLABLE_STATUSES,
  isOpen,
  tabSeparated,
  useCancelReport,
  useFatalExplanation,
  useReportJob,
  useReportTypes,
  type ReportJob,
} from '../api/reports';
import { useSeller } from '../api/sellers';
import { ConfirmMutation } from '../components/ConfirmDialog';
import { ErrorNotice, Loading } from '../components/QueryState';
import { formatClock, formatDateTime } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { useTenantLink } from '../session/tenant';
import { DocumentDownload } from './DocumentDownload';
import { ReportStatusBadge } from './ReportStatusBadge';
import { JOB_PROBLEM_WORDS, typeLabel } from './words';

export function ReportJobPage() {
  return (
    <RequireTenant>
      <ReportJobView />
    </RequireTenant>
  );
}

/** One report job, followed every 2 s while Amazon works on it; its download once DONE. */
function ReportJobView() {
  const { jobId = '' } = useParams();
  const job = useReportJob(jobId);
  const types = useReportTypes();
  const link = useTenantLink();
  return (
    <>
      <p className="breadcrumb">
        <Link to={link('/reports')}>← Reports</Link>
      </p>
      {job.isPending ? (
        <Loading>Loading the report…</Loading>
      ) : job.isError && !job.data ? (
        <>
          <h1 className="page-title">Report</h1>
          <ErrorNotice error={job.error} onRetry={() => job.refetch()} />
        </>
      ) : (
        <>
          <div className="page-head">
            <h1 className="page-title">{typeLabel(types.data?.items, job.data.reportType)}</h1>
            <ReportStatusBadge status={job.data.status} testId="report-job-status" />
          </div>
          {job.isError && <ErrorNotice error={job.error} onRetry={() => job.refetch()} />}
          <JobProgress job={job.data} />
          {job.data.status === 'DONE' && (
            <section className="panel" aria-labelledby="download-heading">
              <h2 id="download-heading">Download</h2>
              {job.data.reused && <p className="muted">A report of the same kind made earlier, served again.</p>}
              <DocumentDownload job={job.data} tabSeparated={tabSeparated(types.data?.items, job.data.reportType)} />
            </section>
          )}
          <section className="panel" aria-label="Report details">
            <JobDetails job={job.data} datesIgnored={types.data?.items.find((t) => t.reportType === job.data.reportType)?.datesIgnored ?? false} />
            <CancelJob job={job.data} />
          </section>
        </>
      )}
    </>
  );
}

/** Where the job stands: when the gateway asks Amazon next, or why it ended without a document. */
function JobProgress({ job }: { readonly job: ReportJob }) {
  const open = isOpen(job.status);
  const words = job.problem ? (JOB_PROBLEM_WORDS[job.problem.code] ?? null) : null;
  return (
    <>
      {open && (
        <p className="notice" role="status" data-testid="report-progress">
          Amazon is making this report.
          {job.nextCheckAt && <> The gateway checks again at {formatClock(new Date(job.nextCheckAt))}.</>} This page follows it.
        </p>
      )}
      {job.problem && (
        <div className={`${open ? 'notice notice--warn' : 'error'} problem`} data-testid="report-problem">
          <p className="problem__words">{words ?? job.problem.detail}</p>
          {words && job.problem.detail && <p className="small">{job.problem.detail}</p>}
        </div>
      )}
      {!open && job.status !== 'DONE' && !job.problem && (
        <p className="error" data-testid="report-problem">
          The report ended {job.status.toLowerCase()} without a document.
        </p>
      )}
      {job.status === 'FATAL' && <FatalExplanation jobId={job.id} />}
    </>
  );
}

/** Asks the gateway for the FATAL report's document, which it answers with Amazon's explanation. */
function FatalExplanation({ jobId }: { readonly jobId: string }) {
  const [asked, setAsked] = useState(false);
  const explanation = useFatalExplanation(jobId, asked);
  return (
    <div className="fatal" aria-live="polite">
      {!asked && (
        <button type="button" onClick={() => setAsked(true)}>
          Why?
        </button>
      )}
      {asked && explanation.isPending && <Loading>Asking Amazon why…</Loading>}
      {explanation.isError && <ErrorNotice error={explanation.error} onRetry={() => explanation.refetch()} />}
      {explanation.isSuccess && (
        <p className="notice" data-testid="fatal-explanation">
          {explanation.data}
        </p>
      )}
    </div>
  );
}

function JobDetails({ job, datesIgnored }: { readonly job: ReportJob; readonly datesIgnored: boolean }) {
  const seller = useSeller(job.sellerId);
  const link = useTenantLink();
  return (
    <dl className="details">
      <dt>Report type</dt>
      <dd>
        <code>{job.reportType}</code>
      </dd>
      <dt>Seller</dt>
      <dd>
        <Link to={link(`/sellers/${job.sellerId}`)}>{seller.data?.sellingPartnerId ?? job.sellerId}</Link>
      </dd>
      <dt>Marketplaces</dt>
      <dd>{job.marketplaceIds.map((id) => `${marketplaceLabel(id)} (${id})`).join(', ')}</dd>
      <dt>Data range</dt>
      <dd>{datesIgnored ? 'not used: Amazon builds this report from current data' : rangeText(job)}</dd>
      <dt>Requested</dt>
      <dd>{formatDateTime(job.createdAt)}</dd>
      <dt>Last change</dt>
      <dd>{formatDateTime(job.updatedAt)}</dd>
      <dt>Amazon's report id</dt>
      <dd>{job.reportId ? <code>{job.reportId}</code> : 'not yet'}</dd>
      <dt>Times asked</dt>
      <dd>{job.polls}</dd>
      {job.rowCount !== undefined && (
        <>
          <dt>Rows</dt>
          <dd>{job.rowCount}</dd>
        </>
      )}
      {job.scheduleId && (
        <>
          <dt>Schedule</dt>
          <dd>
            <code>{job.scheduleId}</code>
          </dd>
        </>
      )}
      <dt>Job id</dt>
      <dd>
        <code>{job.id}</code>
      </dd>
    </dl>
  );
}

function rangeText(job: ReportJob): string {
  if (!job.dataStartTime && !job.dataEndTime) return "none (Amazon's default)";
  return `${job.dataStartTime ? formatDateTime(job.dataStartTime) : '…'} – ${job.dataEndTime ? formatDateTime(job.dataEndTime) : 'now'}`;
}

/** Cancel, after a confirmation, while Amazon has not started on the report. */
function CancelJob({ job }: { readonly job: ReportJob }) {
  const [confirming, setConfirming] = useState(false);
  const cancel = useCancelReport(job.id);
  if (!CANCELLABLE_STATUSES.includes(job.status) && !confirming) return null;
  return (
    <>
      <div className="actions__buttons">
        <button type="button" className="button--danger" onClick={() => setConfirming(true)}>
          Cancel report…
        </button>
      </div>
      {confirming && (
        <ConfirmMutation
          title="Cancel this report?"
          message={<p>Amazon stops making it and the job ends cancelled, with nothing to download.</p>}
          confirmLabel="Cancel report"
          cancelLabel="Keep it"
          mutation={cancel}
          variables={undefined}
          onClose={() => setConfirming(false)}
        />
      )}
    </>
  );
}
