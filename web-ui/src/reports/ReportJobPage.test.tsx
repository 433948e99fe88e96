import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReportJob } from '../api/reports';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { ADMIN_SESSION, TENANT_ID, renderConsole } from '../testing/renderConsole';
import { REPORT_TYPES, reportJob } from '../testing/reports';

const TYPES = { 'GET /v1/report-types': () => jsonResponse(200, { items: REPORT_TYPES }) };

afterEach(() => vi.useRealTimers());

describe('report job page', () => {
  it('asks every 2 s while the job is open, stops once it is DONE, and links the document in the chosen format', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const open = reportJob(1, { status: 'IN_QUEUE', reportDocumentId: null, nextCheckAt: '2026-12-06T15:00:20Z' });
    const answers: ReportJob[] = [open, { ...open, status: 'IN_PROGRESS' }, reportJob(1, { status: 'DONE', rowCount: 1200 })];
    let asked = 0;
    const console = renderConsole({
      path: `/reports/${open.id}`,
      routes: { ...TYPES, [`GET /v1/reports/${open.id}`]: () => jsonResponse(200, answers[Math.min(asked++, answers.length - 1)]) },
    });
    expect((await screen.findByTestId('report-job-status')).dataset.status).toBe('IN_QUEUE');
    expect(screen.getByTestId('report-progress').textContent).toContain('The gateway checks again at');
    expect(screen.queryByTestId('report-download')).toBeNull();

    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(screen.getByTestId('report-job-status').dataset.status).toBe('IN_PROGRESS'));
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(screen.getByTestId('report-job-status').dataset.status).toBe('DONE'));
    expect(screen.queryByTestId('report-progress')).toBeNull();

    const download = screen.getByTestId('report-download');
    expect(download.getAttribute('href')).toBe(`/v1/reports/${open.id}/document?format=tsv`);
    expect(download.hasAttribute('download')).toBe(true);
    expect(screen.getByTestId('report-rows').textContent).toContain('1,200 rows');
    fireEvent.click(screen.getByLabelText('NDJSON (one JSON object per row)'));
    expect(download.textContent).toBe('Download as NDJSON');
    expect(download.getAttribute('href')).toBe(`/v1/reports/${open.id}/document?format=ndjson`);

    // Ended: no more questions however long the page stays open.
    const calls = console.gateway.to(`/v1/reports/${open.id}`).length;
    expect(calls).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(console.gateway.to(`/v1/reports/${open.id}`)).toHaveLength(calls);
  });

  it("names an administrator's tenant in the download link", async () => {
    const job = reportJob(2);
    renderConsole({
      path: `/reports/${job.id}?tenant=${TENANT_ID}`,
      session: ADMIN_SESSION,
      routes: {
        ...TYPES,
        'GET /v1/tenants': () => jsonResponse(200, { items: [{ id: TENANT_ID, name: 'Demo' }] }),
        [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job),
      },
    });
    const download = await screen.findByTestId('report-download');
    fireEvent.click(screen.getByLabelText('CSV'));
    expect(download.getAttribute('href')).toBe(`/v1/reports/${job.id}/document?format=csv&tenantId=${TENANT_ID}`);
  });

  it('offers no NDJSON or CSV for a document that is not tab-separated', async () => {
    const job = reportJob(3, { reportType: 'GET_SALES_AND_TRAFFIC_REPORT' });
    renderConsole({ path: `/reports/${job.id}`, routes: { ...TYPES, [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job) } });
    await screen.findByTestId('report-download');
    expect(screen.getByLabelText('TSV (tab-separated, UTF-8)')).toBeTruthy();
    expect(screen.getByLabelText(/Amazon's file as it is/)).toBeTruthy();
    expect(screen.queryByLabelText(/NDJSON/)).toBeNull();
    expect(screen.queryByLabelText('CSV')).toBeNull();
  });

  it("shows Amazon's explanation of a FATAL report when asked why", async () => {
    const job = reportJob(4, { status: 'FATAL', problem: { code: 'report_fatal', detail: 'Amazon could not make the report; its document says why.' } });
    const console = renderConsole({
      path: `/reports/${job.id}`,
      routes: {
        ...TYPES,
        [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job),
        [`GET /v1/reports/${job.id}/document`]: () =>
          problemResponse(422, 'report_fatal', 'Amazon could not make report 50004 (GET_MERCHANT_LISTINGS_ALL_DATA). Amazon says: The seller has no listings in ATVPDKIKX0DER.'),
      },
    });
    expect((await screen.findByTestId('report-problem')).textContent).toContain('Amazon could not make this report.');
    expect(screen.queryByTestId('report-download')).toBeNull();
    expect(console.gateway.to(`/v1/reports/${job.id}/document`)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Why?' }));
    expect((await screen.findByTestId('fatal-explanation')).textContent).toContain('Amazon says: The seller has no listings in ATVPDKIKX0DER.');
  });

  it('says in words why a job ended without a document', async () => {
    const job = reportJob(5, {
      status: 'CANCELLED',
      reportDocumentId: null,
      problem: { code: 'report_no_data', detail: 'Amazon cancelled the report: it found no data for X in the range and marketplaces asked for.' },
    });
    renderConsole({ path: `/reports/${job.id}`, routes: { ...TYPES, [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job) } });
    const problem = await screen.findByTestId('report-problem');
    expect(problem.textContent).toContain('Amazon found no data for this report.');
    expect(problem.textContent).toContain('in the range and marketplaces asked for');
    expect(screen.queryByRole('button', { name: 'Why?' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel report…' })).toBeNull();
  });

  it('cancels a queued report only after the confirmation, with the CSRF token', async () => {
    const job = reportJob(6, { status: 'IN_QUEUE', reportDocumentId: null, nextCheckAt: '2026-12-06T15:00:20Z' });
    const cancelled = { ...job, status: 'CANCELLED' as const, problem: { code: 'cancelled_by_caller', detail: 'Cancelled through spgate.' } };
    const console = renderConsole({
      path: `/reports/${job.id}`,
      routes: {
        ...TYPES,
        [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job),
        [`POST /v1/reports/${job.id}/cancel`]: () => jsonResponse(200, cancelled),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel report…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this report?' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(console.gateway.to(`/v1/reports/${job.id}/cancel`)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel report…' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel report' }));
    await waitFor(() => expect(screen.getByTestId('report-job-status').dataset.status).toBe('CANCELLED'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByTestId('report-problem').textContent).toContain('Cancelled on request.');
    expect(console.gateway.to(`/v1/reports/${job.id}/cancel`, 'POST')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });

  it('says in words when Amazon has started and the report can no longer be cancelled', async () => {
    const job = reportJob(7, { status: 'IN_QUEUE', reportDocumentId: null });
    renderConsole({
      path: `/reports/${job.id}`,
      routes: {
        ...TYPES,
        [`GET /v1/reports/${job.id}`]: () => jsonResponse(200, job),
        [`POST /v1/reports/${job.id}/cancel`]: () => problemResponse(409, 'report_not_cancellable', 'Job x is IN_PROGRESS: …'),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel report…' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel report' }));
    expect((await within(dialog).findByTestId('error-notice')).textContent).toBe(
      'Amazon cancels a report only while it waits in its queue; this one is past that.',
    );
  });
});
