import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { EnvironmentProvider } from '../session/environment';
import { READY_DOWN, READY_UP, deferred, fakeFetch, jsonResponse } from '../testing/fakeFetch';
import { HealthView } from './HealthView';

const LIVE = { status: 'UP' };
const overall = () => screen.getByTestId('overall-status').textContent;

function showHealth(fetchImpl: typeof fetch, options: { intervalMs: number; timeoutMs?: number }) {
  return render(
    <EnvironmentProvider value={{ fetchImpl }}>
      <HealthView {...options} />
    </EnvironmentProvider>,
  );
}

describe('HealthView', () => {
  it('shows the gateway UP with its checks', async () => {
    const { impl } = fakeFetch({
      '/health/ready': () => jsonResponse(200, READY_UP),
      '/health/live': () => jsonResponse(200, LIVE),
    });
    showHealth(impl, { intervalMs: 60_000 });
    await waitFor(() => expect(overall()).toBe('UP'));
    expect(within(screen.getByTestId('check-postgres')).getByRole('cell').textContent).toBe('UP');
  });

  it('polls, following the gateway from UP to DOWN to unreachable', async () => {
    let phase: 'up' | 'down' | 'gone' = 'up';
    const { impl } = fakeFetch({
      '/health/ready': () => {
        if (phase === 'gone') throw new TypeError('Failed to fetch');
        return phase === 'up' ? jsonResponse(200, READY_UP) : jsonResponse(503, READY_DOWN);
      },
      '/health/live': () => {
        if (phase === 'gone') throw new TypeError('Failed to fetch');
        return jsonResponse(200, LIVE);
      },
    });
    showHealth(impl, { intervalMs: 30 });
    await waitFor(() => expect(overall()).toBe('UP'));
    expect(within(screen.getByTestId('check-postgres')).getByRole('cell').textContent).toBe('UP');

    phase = 'down';
    await waitFor(() => expect(overall()).toBe('DOWN'));
    expect(within(screen.getByTestId('check-postgres')).getByRole('cell').textContent).toBe('DOWN');
    expect(screen.queryByTestId('error')).toBeNull();

    phase = 'gone';
    await waitFor(() => expect(overall()).toBe('UNREACHABLE'));
    expect(screen.getByTestId('error').textContent).toMatch(/^Gateway unreachable: .*Failed to fetch/);

    phase = 'up';
    await waitFor(() => expect(overall()).toBe('UP'));
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('never starts a check while one is in flight, and shows that it is refreshing', async () => {
    const gate = deferred<void>();
    const { impl, calls } = fakeFetch({
      '/health/ready': () => gate.promise.then(() => jsonResponse(200, READY_UP)),
      '/health/live': () => jsonResponse(200, LIVE),
    });
    showHealth(impl, { intervalMs: 10, timeoutMs: 10_000 });
    expect(screen.getByTestId('refreshing').hidden).toBe(false);
    // Many interval ticks pass while the first readiness request hangs.
    await act(() => new Promise((resolve) => setTimeout(resolve, 120)));
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    expect(calls.filter((p) => p === '/health/ready')).toHaveLength(1);
    expect(overall()).toBe('CHECKING…');

    await act(async () => gate.resolve());
    await waitFor(() => expect(overall()).toBe('UP'));
    // The gate is open now, so later ticks answer at once: polling has resumed.
    await waitFor(() => expect(calls.filter((p) => p === '/health/ready').length).toBeGreaterThan(1));
  });

  it('reports a gateway that never answers as unreachable after the time limit', async () => {
    const { impl } = fakeFetch({
      '/health/ready': (init) =>
        new Promise((_, reject) => init?.signal?.addEventListener('abort', () => reject(new DOMException('', 'AbortError')))),
      '/health/live': () => jsonResponse(200, LIVE),
    });
    showHealth(impl, { intervalMs: 60_000, timeoutMs: 30 });
    await waitFor(() => expect(overall()).toBe('UNREACHABLE'));
    expect(screen.getByTestId('error').textContent).toBe(
      'Gateway unreachable: no answer from /health/ready within 30 ms',
    );
  });
});
