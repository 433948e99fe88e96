import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../api/updates';
import { FakeEventStreams } from '../testing/fakeEventSource';
import { jsonResponse } from '../testing/fakeFetch';
import { ADMIN_SESSION, TENANT_ID, renderConsole } from '../testing/renderConsole';
import { job, jobItem } from '../testing/updates';
import { JobProgressBar } from './JobProgressBar';

afterEach(() => vi.useRealTimers());

const bar = (testId = 'job-progress') => within(screen.getByTestId(testId)).getByRole('progressbar');
const count = (status: string) => screen.getByTestId(`job-count-${status}`).dataset.count;
const itemsOf = (j: Job) => ({ [`GET /v1/jobs/${j.id}/items`]: () => jsonResponse(200, { items: [] }) });

describe('update job page', () => {
  it('moves the bar and the counts with each progress event, and closes the stream once done', async () => {
    const events = new FakeEventStreams();
    const running = job(1, { pending: 8, sent: 2 });
    const console = renderConsole({
      path: `/updates/${running.id}`,
      events,
      routes: { [`GET /v1/jobs/${running.id}`]: () => jsonResponse(200, running), ...itemsOf(running) },
    });
    expect((await screen.findByTestId('job-status')).dataset.status).toBe('running');
    expect(bar().getAttribute('aria-valuenow')).toBe('0');
    expect(screen.getByTestId('job-following').textContent).toBe('This page follows the job live.');
    const stream = events.openTo(`/v1/jobs/${running.id}/events`);
    expect(stream.url.search).toBe('');

    stream.emit('progress', job(1, { pending: 3, sent: 2, accepted: 4, rejected: 1 }));
    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe('50'));
    expect(screen.getByTestId('job-progress').textContent).toContain('50%');
    expect(count('accepted')).toBe('4');
    expect(count('rejected')).toBe('1');
    expect(count('pending')).toBe('3');

    stream.emit('done', job(1, { accepted: 8, rejected: 2 }));
    await waitFor(() => expect(screen.getByTestId('job-status').dataset.status).toBe('done'));
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByTestId('job-progress').textContent).toContain('100%');
    expect(stream.closed).toBe(true);
    expect(screen.queryByTestId('job-following')).toBeNull();
    // Only the first load asked for the job: the stream brought the rest.
    expect(console.gateway.to(`/v1/jobs/${running.id}`)).toHaveLength(1);
  });

  it('asks every 2 s when the event stream fails, and stops once the job is done', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const events = new FakeEventStreams();
    const answers = [job(2, { pending: 4 }), job(2, { pending: 2, applied: 2 }), job(2, { applied: 4 })];
    let asked = 0;
    const console = renderConsole({
      path: `/updates/${answers[0]?.id}`,
      events,
      routes: { [`GET /v1/jobs/${answers[0]?.id}`]: () => jsonResponse(200, answers[Math.min(asked++, 2)]), ...itemsOf(answers[0] as Job) },
    });
    await screen.findByTestId('job-status');
    events.openTo(`/v1/jobs/${answers[0]?.id}/events`).fail();
    expect(events.to(`/v1/jobs/${answers[0]?.id}/events`)[0]?.closed).toBe(true);
    expect(screen.getByTestId('job-following').textContent).toBe('This page asks the gateway every 2 s.');

    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(bar().getAttribute('aria-valuenow')).toBe('50'));
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(screen.getByTestId('job-status').dataset.status).toBe('done'));
    const calls = console.gateway.to(`/v1/jobs/${answers[0]?.id}`).length;
    expect(calls).toBe(3);
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(console.gateway.to(`/v1/jobs/${answers[0]?.id}`)).toHaveLength(calls);
    // No stream was opened again after it failed.
    expect(events.to(`/v1/jobs/${answers[0]?.id}/events`)).toHaveLength(1);
  });

  it("names an administrator's tenant in the event stream's URL, as EventSource sends no headers", async () => {
    const events = new FakeEventStreams();
    const running = job(3, { pending: 1 });
    renderConsole({
      path: `/updates/${running.id}?tenant=${TENANT_ID}`,
      session: ADMIN_SESSION,
      events,
      routes: {
        'GET /v1/tenants': () => jsonResponse(200, { items: [{ id: TENANT_ID, name: 'Demo' }] }),
        [`GET /v1/jobs/${running.id}`]: () => jsonResponse(200, running),
        ...itemsOf(running),
      },
    });
    await screen.findByTestId('job-status');
    expect(events.openTo(`/v1/jobs/${running.id}/events`).url.search).toBe(`?tenantId=${TENANT_ID}`);
  });

  it('cancels only after the confirmation, with the CSRF token, while items are pending', async () => {
    const running = job(4, { pending: 5, sent: 1, accepted: 2 });
    const cancelled = job(4, { sent: 1, accepted: 2, cancelled: 5 }, { status: 'running' });
    const console = renderConsole({
      path: `/updates/${running.id}`,
      routes: {
        [`GET /v1/jobs/${running.id}`]: () => jsonResponse(200, running),
        [`POST /v1/jobs/${running.id}/cancel`]: () => jsonResponse(200, cancelled),
        ...itemsOf(running),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel job…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this update job?' });
    expect(dialog.textContent).toContain('The 5 items not sent yet are cancelled');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Keep it running' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(console.gateway.to(`/v1/jobs/${running.id}/cancel`)).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel job…' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Cancel job' }));
    await waitFor(() => expect(count('cancelled')).toBe('5'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Cancel job…' })).toBeNull();
    expect(console.gateway.to(`/v1/jobs/${running.id}/cancel`, 'POST')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });

  it('offers no Cancel once nothing is pending', async () => {
    const sending = job(5, { sent: 3, applied: 1 });
    renderConsole({ path: `/updates/${sending.id}`, routes: { [`GET /v1/jobs/${sending.id}`]: () => jsonResponse(200, sending), ...itemsOf(sending) } });
    await screen.findByTestId('job-status');
    expect(screen.queryByRole('button', { name: 'Cancel job…' })).toBeNull();
  });

  it("filters the items by the status a count links to, and shows Amazon's issues of refused ones", async () => {
    const ended = job(6, { applied: 2, rejected: 1 });
    const refused = jobItem(2, {
      sku: 'MUG-RED',
      status: 'rejected',
      path: 'feed',
      feedId: 'feed-77',
      submissionId: null,
      issues: [
        { code: '90220', message: "'purchasable_offer' is required but not supplied.", severity: 'ERROR', attributeNames: ['purchasable_offer'] },
        { code: '18027', message: 'The price is unusually low.', severity: 'WARNING', attributeNames: [] },
      ],
    });
    const console = renderConsole({
      path: `/updates/${ended.id}`,
      routes: {
        [`GET /v1/jobs/${ended.id}`]: () => jsonResponse(200, ended),
        [`GET /v1/jobs/${ended.id}/items`]: (_, url) =>
          jsonResponse(200, { items: url.searchParams.get('status') === 'rejected' ? [refused] : [jobItem(0, { status: 'applied' }), jobItem(1, { status: 'applied' }), refused] }),
      },
    });
    expect(await screen.findByTestId('job-item-0')).toBeTruthy();
    expect(screen.getByTestId('job-items-count').textContent).toContain('3 items loaded');

    fireEvent.click(within(screen.getByTestId('job-count-rejected')).getByRole('link'));
    await waitFor(() => expect(console.location()).toBe(`/updates/${ended.id}?status=rejected`));
    await waitFor(() => expect(screen.queryByTestId('job-item-0')).toBeNull());
    expect(console.gateway.to(`/v1/jobs/${ended.id}/items`).at(-1)?.url.searchParams.get('status')).toBe('rejected');
    expect((screen.getByLabelText('Status') as HTMLSelectElement).value).toBe('rejected');

    const row = within(screen.getByTestId('job-item-2'));
    expect(row.getByRole('rowheader').textContent).toBe('3');
    const issues = row.getAllByTestId('item-issue').map((li) => li.textContent);
    expect(issues).toEqual([
      "error 90220 'purchasable_offer' is required but not supplied. (attributes: purchasable_offer)",
      'warning 18027 The price is unusually low.',
    ]);
    expect(row.getByText('feed-77')).toBeTruthy();
  });
});

describe('job progress bar', () => {
  it('draws one part per status with items, as a share of the total, and rounds the percent down', () => {
    const j = job(9, { pending: 1, sent: 100, accepted: 600, applied: 200, rejected: 99 });
    render(<JobProgressBar job={j} label="Progress" testId="bar" />);
    const progressbar = bar('bar');
    // 899 of 1000 have a result: 89.9% shows as 89%.
    expect(progressbar.getAttribute('aria-valuenow')).toBe('89');
    expect(progressbar.getAttribute('aria-valuetext')).toBe('89%: 899 of 1,000 items have a result');
    const parts = Array.from(progressbar.querySelectorAll<HTMLElement>('[data-part]')).map((p) => [p.dataset.part, p.style.width]);
    expect(parts).toEqual([
      ['accepted', '60%'],
      ['applied', '20%'],
      ['rejected', '9.9%'],
      ['sent', '10%'],
    ]);
    expect(screen.getByTestId('bar').textContent).toBe('89%');
  });
});
