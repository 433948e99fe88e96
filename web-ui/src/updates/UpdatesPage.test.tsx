import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../api/updates';
import { FakeEventStreams } from '../testing/fakeEventSource';
import { jsonResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { job } from '../testing/updates';

afterEach(() => vi.useRealTimers());

const rowBar = (j: Job) => within(screen.getByTestId(`job-progress-${j.id}`)).getByRole('progressbar');
const eventsOf = (j: Job) => `/v1/jobs/${j.id}/events`;

describe('updates page', () => {
  it('shows each job with its progress and counts, and moves an open one with its events', async () => {
    const events = new FakeEventStreams();
    const running = job(1, { pending: 6, sent: 2, applied: 2 });
    const done = job(2, { applied: 3, rejected: 1 }, { rejectedAtIntake: 2 });
    let atGateway = running;
    const console = renderConsole({ path: '/updates', events, routes: { 'GET /v1/jobs': () => jsonResponse(200, { items: [atGateway, done] }) } });

    expect((await screen.findByTestId(`job-status-${running.id}`)).dataset.status).toBe('running');
    expect(screen.getByTestId(`job-status-${done.id}`).dataset.status).toBe('done');
    expect(rowBar(running).getAttribute('aria-valuenow')).toBe('20');
    expect(rowBar(done).getAttribute('aria-valuenow')).toBe('100');
    const doneRow = within(screen.getByTestId(`job-row-${done.id}`));
    expect(doneRow.getByRole('list', { name: 'Items by status' }).textContent).toBe('applied 3rejected 1');
    expect(doneRow.getByText('(+2 refused)')).toBeTruthy();
    expect(doneRow.getByRole('link').getAttribute('href')).toBe(`/updates/${done.id}`);
    expect(screen.getByRole('link', { name: 'New update job' }).getAttribute('href')).toBe('/updates/new');

    // Only the open job is followed.
    expect(events.opened.map((s) => s.url.pathname)).toEqual([eventsOf(running)]);
    events.openTo(eventsOf(running)).emit('progress', job(1, { pending: 1, sent: 1, applied: 8 }));
    await waitFor(() => expect(rowBar(running).getAttribute('aria-valuenow')).toBe('80'));
    expect(screen.getByTestId(`job-progress-${running.id}`).textContent).toBe('80%');
    atGateway = job(1, { applied: 10 });
    events.openTo(eventsOf(running)).emit('done', atGateway);
    await waitFor(() => expect(screen.getByTestId(`job-status-${running.id}`).dataset.status).toBe('done'));
    expect(events.to(eventsOf(running))[0]?.closed).toBe(true);
    // Done, the list is asked again once: a list filtered by status may no longer hold the job.
    await waitFor(() => expect(console.gateway.to('/v1/jobs')).toHaveLength(2));
  });

  it('follows at most 3 open jobs by their events and polls the list every 2 s for the others', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const events = new FakeEventStreams();
    const open = [1, 2, 3, 4].map((n) => job(n, { pending: 2 }));
    const console = renderConsole({ path: '/updates', events, routes: { 'GET /v1/jobs': () => jsonResponse(200, { items: open }) } });
    await screen.findByTestId(`job-row-${open[3]?.id}`);
    expect(events.opened.map((s) => s.url.pathname)).toEqual(open.slice(0, 3).map(eventsOf));
    const before = console.gateway.to('/v1/jobs').length;
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(console.gateway.to('/v1/jobs').length).toBe(before + 1));
  });

  it('polls the list every 2 s once an event stream fails, and stops when no job is open', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const events = new FakeEventStreams();
    let answer = [job(1, { pending: 2 })];
    const console = renderConsole({ path: '/updates', events, routes: { 'GET /v1/jobs': () => jsonResponse(200, { items: answer }) } });
    await screen.findByTestId(`job-row-${answer[0]?.id}`);
    const asked = () => console.gateway.to('/v1/jobs').length;
    await act(() => vi.advanceTimersByTimeAsync(4_000));
    expect(asked()).toBe(1);

    events.openTo(eventsOf(answer[0] as Job)).fail();
    answer = [job(1, { applied: 2 })];
    await act(() => vi.advanceTimersByTimeAsync(2_000));
    await waitFor(() => expect(screen.getByTestId(`job-status-${answer[0]?.id}`).dataset.status).toBe('done'));
    const calls = asked();
    await act(() => vi.advanceTimersByTimeAsync(10_000));
    expect(asked()).toBe(calls);
  });

  it('filters by status through the URL and says when nothing matches', async () => {
    const console = renderConsole({ path: '/updates', routes: { 'GET /v1/jobs': () => jsonResponse(200, { items: [] }) } });
    expect((await screen.findByTestId('jobs-empty')).textContent).toBe('No update jobs yet. Start one with New update job.');
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'cancelled' } });
    await waitFor(() => expect(console.location()).toBe('/updates?status=cancelled'));
    await waitFor(() => expect(console.gateway.to('/v1/jobs').at(-1)?.url.search).toBe('?status=cancelled&limit=50'));
    expect((await screen.findByTestId('jobs-empty')).textContent).toBe('No job has this status.');
  });
});
