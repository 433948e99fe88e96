import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { newIdempotencyKey } from '../api/idempotency';
import { UPDATE_CSV_COLUMNS, useDryRun, useSubmitUpdate, type DryRun } from '../api/updates';
import { CsvTemplateLink } from '../components/CsvTemplateLink';
import { ErrorNotice } from '../components/QueryState';
import { RejectedLines } from '../components/RejectedLines';
import { plural } from '../format';
import { RequireTenant } from '../frame/RequireTenant';
import { useTenantLink } from '../session/tenant';
import { UpdatePlanView } from './UpdatePlanView';
import { REJECTION_WORDS } from './words';

export function NewUpdatePage() {
  const link = useTenantLink();
  return (
    <>
      <p className="breadcrumb">
        <Link to={link('/updates')}>← Updates</Link>
      </p>
      <h1 className="page-title">New update job</h1>
      <RequireTenant>
        <NewUpdate />
      </RequireTenant>
    </>
  );
}

const TEMPLATE = [
  [...UPDATE_CSV_COLUMNS],
  ['0b6f1c2e-5a4d-4e3f-9a8b-7c6d5e4f3a21.ATVPDKIKX0DER', '', '', 'MY-SKU-1', '19.99', 'USD', '12', '2'],
  ['', '0b6f1c2e-5a4d-4e3f-9a8b-7c6d5e4f3a21', 'A1PA6795UKMFR9', 'MY-SKU-2', '24.50', 'EUR', '', ''],
  ['0b6f1c2e-5a4d-4e3f-9a8b-7c6d5e4f3a21.ATVPDKIKX0DER', '', '', 'MY-SKU-3', '', '', '0', ''],
];

/**
 * A CSV file of changes, first sent as a dry run (the plan and the refused lines, nothing stored), then
 * confirmed: the same file under an Idempotency-Key made once for this upload, so a confirm retried after
 * a lost answer is the same upload to the gateway, not a second job. Choosing another file starts over.
 */
function NewUpdate() {
  const [file, setFile] = useState<File | null>(null);
  const idempotencyKey = useRef<string | null>(null);
  const dryRun = useDryRun();
  const submit = useSubmitUpdate();
  const navigate = useNavigate();
  const link = useTenantLink();

  function choose(chosen: File | null) {
    setFile(chosen);
    idempotencyKey.current = null;
    dryRun.reset();
    submit.reset();
  }

  function runDry(event: FormEvent) {
    event.preventDefault();
    if (file) dryRun.mutate(file);
  }

  function confirm() {
    if (!file) return;
    idempotencyKey.current ??= newIdempotencyKey();
    submit.mutate({ file, idempotencyKey: idempotencyKey.current }, { onSuccess: (accepted) => navigate(link(`/updates/${accepted.jobId}`)) });
  }

  return (
    <>
      <section className="panel" aria-labelledby="update-file-heading">
        <h2 id="update-file-heading">1. The file</h2>
        <p>
          One change a line: a price, a quantity or a handling time (or several) for a SKU of a channel, named by{' '}
          <code>channelId</code> or by <code>sellerId</code> and <code>marketplaceId</code>. Columns:{' '}
          {UPDATE_CSV_COLUMNS.map((c, i) => (
            <span key={c}>
              {i > 0 && ', '}
              <code>{c}</code>
            </span>
          ))}
          ; empty cells change nothing. Up to 100,000 lines.
        </p>
        <p>
          <CsvTemplateLink fileName="spgate-updates-template.csv" rows={TEMPLATE} testId="update-template">
            Download a CSV template
          </CsvTemplateLink>
        </p>
        <form className="form form--inline" onSubmit={runDry} aria-label="Dry run an update file">
          <div className="field">
            <label htmlFor="update-file">CSV file</label>
            <input
              id="update-file"
              type="file"
              accept=".csv,text/csv"
              aria-describedby="update-file-help"
              onChange={(e) => choose(e.target.files?.[0] ?? null)}
              data-testid="update-file"
            />
            <span id="update-file-help" className="muted small">
              Nothing is sent to Amazon before you confirm the plan.
            </span>
          </div>
          <button type="submit" className="button--primary" disabled={file === null || dryRun.isPending}>
            {dryRun.isPending ? 'Planning…' : 'Dry run'}
          </button>
        </form>
        {dryRun.isError && <ErrorNotice error={dryRun.error} onRetry={() => file && dryRun.mutate(file)} />}
      </section>
      {dryRun.isSuccess && file && (
        <DryRunResult result={dryRun.data} fileName={file.name} submitting={submit.isPending} error={submit.error} onConfirm={confirm} />
      )}
    </>
  );
}

interface DryRunResultProps {
  readonly result: DryRun;
  readonly fileName: string;
  readonly submitting: boolean;
  readonly error: unknown;
  readonly onConfirm: () => void;
}

function DryRunResult({ result, fileName, submitting, error, onConfirm }: DryRunResultProps) {
  return (
    <>
      <section className="panel" aria-labelledby="update-plan-heading" data-testid="update-plan">
        <h2 id="update-plan-heading">2. The plan</h2>
        <p data-testid="update-summary">
          <strong>{plural(result.accepted, 'item')}</strong> of <code>{fileName}</code> would be sent
          {result.rejectedCount > 0 && (
            <>
              ; <strong>{plural(result.rejectedCount, 'line')}</strong> would be refused
            </>
          )}
          .
        </p>
        {result.accepted > 0 && <UpdatePlanView plan={result.plan} />}
        {result.rejectedCount > 0 && (
          <>
            <h3>Refused lines</h3>
            <RejectedLines
              label="Refused lines"
              lines={result.rejected.map((r) => ({ line: r.index + 1, code: r.code, detail: r.detail }))}
              total={result.rejectedCount}
              words={REJECTION_WORDS}
              testIdPrefix="update-rejection"
            />
          </>
        )}
      </section>
      <section className="panel" aria-labelledby="update-confirm-heading">
        <h2 id="update-confirm-heading">3. Send it</h2>
        {result.accepted === 0 ? (
          <p className="notice notice--warn">No line of this file can be sent. Correct it and choose it again.</p>
        ) : (
          <>
            <p>
              Confirming sends the same file again; the gateway checks it once more and starts a job of the lines it accepts
              {result.rejectedCount > 0 && ', leaving the refused ones out'}.
            </p>
            <div className="actions__buttons">
              <button type="button" className="button--primary" onClick={onConfirm} disabled={submitting}>
                {submitting ? 'Sending…' : `Confirm and send ${plural(result.accepted, 'item')}`}
              </button>
            </div>
          </>
        )}
        {error != null && <ErrorNotice error={error} />}
      </section>
    </>
  );
}
