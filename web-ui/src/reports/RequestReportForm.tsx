import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useRequestReport, type ReportRequest, type ReportType } from '../api/reports';
import type { Seller } from '../api/sellers';
import { ErrorNotice } from '../components/QueryState';
import { useTenantLink } from '../session/tenant';
import { MarketplaceChecks, ReportTypeSelect } from './ReportControls';

export const REUSE_CHOICES = [
  { value: '', words: 'no, always a new report' },
  { value: 'PT1H', words: 'made within the last hour' },
  { value: 'PT24H', words: 'made within the last 24 hours' },
] as const;

/** A date input's day as the start of that day in UTC. */
export function startOfDay(day: string): string {
  return `${day}T00:00:00Z`;
}

/** A date input's day as its last second in UTC, or now when the day has not ended (Amazon refuses ranges in the future). */
export function endOfDay(day: string, now: Date = new Date()): string {
  const end = `${day}T23:59:59Z`;
  return new Date(end).getTime() > now.getTime() ? now.toISOString().replace(/\.\d{3}Z$/, 'Z') : end;
}

export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export interface RequestReportFormProps {
  readonly seller: Seller;
  readonly types: readonly ReportType[];
}

/** Asks Amazon for a report for the seller; the new (or reused) job's page opens when the gateway took it. */
export function RequestReportForm({ seller, types }: RequestReportFormProps) {
  const requestable = types.filter((t) => t.requestable);
  const [reportType, setReportType] = useState(requestable[0]?.reportType ?? '');
  const [marketplaces, setMarketplaces] = useState<string[]>(seller.marketplaceIds.slice(0, 1));
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reuse, setReuse] = useState('');
  const request = useRequestReport(seller.id);
  const navigate = useNavigate();
  const link = useTenantLink();
  const type = types.find((t) => t.reportType === reportType);
  const datesIgnored = type?.datesIgnored ?? false;

  function submit(event: FormEvent) {
    event.preventDefault();
    const body: ReportRequest = {
      reportType,
      marketplaceIds: marketplaces,
      ...(!datesIgnored && from !== '' && { dataStartTime: startOfDay(from) }),
      ...(!datesIgnored && to !== '' && { dataEndTime: endOfDay(to) }),
      ...(reuse !== '' && { reuseWithin: reuse }),
    };
    request.mutate(body, { onSuccess: (job) => navigate(link(`/reports/${job.id}`)) });
  }

  return (
    <form className="form form--inline" onSubmit={submit} aria-labelledby="request-report-heading">
      <h2 id="request-report-heading">Request a report</h2>
      <ReportTypeSelect id="request-type" types={types} value={reportType} onChange={setReportType} />
      <MarketplaceChecks idPrefix="request-mp" available={seller.marketplaceIds} chosen={marketplaces} onChange={setMarketplaces} />
      {/* Amazon ignores the range of some types (the note under the type says so): no dates to enter then. */}
      {!datesIgnored && (
        <>
          <div className="field">
            <label htmlFor="request-from">Data from (UTC, optional)</label>
            <input id="request-from" type="date" value={from} max={to || today()} onChange={(e) => setFrom(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="request-to">Data to, inclusive (optional)</label>
            <input id="request-to" type="date" value={to} min={from || undefined} max={today()} onChange={(e) => setTo(e.target.value)} />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor="request-reuse">Reuse a report of the same kind</label>
        <select id="request-reuse" value={reuse} onChange={(e) => setReuse(e.target.value)}>
          {REUSE_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.words}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button--primary" disabled={request.isPending || marketplaces.length === 0 || reportType === ''}>
        {request.isPending ? 'Requesting…' : 'Request report'}
      </button>
      {marketplaces.length === 0 && <p className="muted field--wide">Choose at least one marketplace.</p>}
      {request.isError && (
        <div className="field--wide">
          <ErrorNotice error={request.error} />
        </div>
      )}
    </form>
  );
}
