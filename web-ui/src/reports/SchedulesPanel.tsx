import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useApi } from '../api/ApiProvider';
import {
  jobDocumentHref,
  useCreateSchedule,
  useDeleteSchedule,
  useReportSchedules,
  type ReportSchedule,
  type ReportType,
} from '../api/reports';
import type { Seller } from '../api/sellers';
import { ConfirmMutation } from '../components/ConfirmDialog';
import { EmptyState, ErrorNotice, Loading } from '../components/QueryState';
import { formatDateTime } from '../format';
import { useTenantLink } from '../session/tenant';
import { MarketplaceChecks, marketplacesText, ReportTypeSelect } from './ReportControls';
import { PERIODS, periodWords, typeLabel } from './words';

/** The seller's schedules (a report requested every period), their latest DONE report, and a form for a new one. */
export function SchedulesPanel({ seller, types }: { readonly seller: Seller; readonly types: readonly ReportType[] }) {
  const schedules = useReportSchedules(seller.id);
  return (
    <section className="panel" aria-labelledby="schedules-heading">
      <h2 id="schedules-heading">Schedules</h2>
      <p className="muted">The gateway requests these reports every period by itself and keeps the latest one at hand.</p>
      {schedules.isPending ? (
        <Loading>Loading schedules…</Loading>
      ) : schedules.isError ? (
        <ErrorNotice error={schedules.error} onRetry={() => schedules.refetch()} />
      ) : schedules.data.items.length === 0 ? (
        <EmptyState>No schedules for this seller yet.</EmptyState>
      ) : (
        <ScheduleTable sellerId={seller.id} schedules={schedules.data.items} types={types} />
      )}
      <CreateScheduleForm key={seller.id} seller={seller} types={types} />
    </section>
  );
}

function ScheduleTable({ sellerId, schedules, types }: { readonly sellerId: string; readonly schedules: readonly ReportSchedule[]; readonly types: readonly ReportType[] }) {
  const { client } = useApi();
  const link = useTenantLink();
  const [deleting, setDeleting] = useState<ReportSchedule | null>(null);
  const remove = useDeleteSchedule(sellerId);
  return (
    <div className="table-scroller table-scroller--auto" role="region" aria-label="Report schedules" tabIndex={0}>
      <table className="data-table data-table--sticky-first">
        <thead>
          <tr>
            <th scope="col">Report</th>
            <th scope="col">How often</th>
            <th scope="col">Marketplaces</th>
            <th scope="col">Next run</th>
            <th scope="col">Latest report</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedules.map((schedule) => (
            <tr key={schedule.id} data-testid={`schedule-row-${schedule.id}`}>
              <th scope="row">{typeLabel(types, schedule.reportType)}</th>
              <td>{periodWords(schedule.period)}</td>
              <td>{marketplacesText(schedule.marketplaceIds)}</td>
              <td>{formatDateTime(schedule.nextRunAt)}</td>
              <td>
                {schedule.latestDone ? (
                  <>
                    <Link to={link(`/reports/${schedule.latestDone.id}`)}>{formatDateTime(schedule.latestDone.createdAt)}</Link>
                    {' · '}
                    <a href={jobDocumentHref(client, schedule.latestDone.id, 'tsv')} download data-testid={`schedule-download-${schedule.id}`}>
                      Download TSV
                    </a>
                  </>
                ) : (
                  <span className="muted">none yet</span>
                )}
              </td>
              <td>
                <button
                  type="button"
                  className="button--danger"
                  onClick={() => setDeleting(schedule)}
                  aria-label={`Delete the schedule of ${typeLabel(types, schedule.reportType)} ${periodWords(schedule.period)}`}
                >
                  Delete…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {deleting && (
        <ConfirmMutation
          title="Delete this schedule?"
          message={
            <p>
              The gateway stops requesting {typeLabel(types, deleting.reportType)} {periodWords(deleting.period)}. Reports it already made stay
              in the list.
            </p>
          }
          confirmLabel="Delete schedule"
          mutation={remove}
          variables={deleting.id}
          onClose={() => setDeleting(null)}
        />
      )}
    </div>
  );
}

function CreateScheduleForm({ seller, types }: { readonly seller: Seller; readonly types: readonly ReportType[] }) {
  const [reportType, setReportType] = useState(types.find((t) => t.requestable)?.reportType ?? '');
  const [marketplaces, setMarketplaces] = useState<string[]>(seller.marketplaceIds.slice(0, 1));
  const [period, setPeriod] = useState<string>('PT24H');
  const create = useCreateSchedule(seller.id);

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ reportType, marketplaceIds: marketplaces, period });
  }

  return (
    <form className="form form--inline form--separated" onSubmit={submit} aria-labelledby="create-schedule-heading">
      <h3 id="create-schedule-heading">Add a schedule</h3>
      <ReportTypeSelect id="schedule-type" types={types} value={reportType} onChange={setReportType} />
      <MarketplaceChecks idPrefix="schedule-mp" available={seller.marketplaceIds} chosen={marketplaces} onChange={setMarketplaces} />
      <div className="field">
        <label htmlFor="schedule-period">How often</label>
        <select id="schedule-period" value={period} onChange={(e) => setPeriod(e.target.value)}>
          {PERIODS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.words}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button--primary" disabled={create.isPending || marketplaces.length === 0}>
        {create.isPending ? 'Adding…' : 'Add schedule'}
      </button>
      {create.isError && (
        <div className="field--wide">
          <ErrorNotice error={create.error} />
        </div>
      )}
    </form>
  );
}
