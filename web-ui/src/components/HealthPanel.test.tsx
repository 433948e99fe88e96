import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { GatewayUnreachableError, parseHealthReport } from '../api/health';
import { INITIAL_SNAPSHOT, nextSnapshot, type HealthSnapshot } from '../api/snapshot';
import { READY_DOWN, READY_UP } from '../testing/fakeFetch';
import { HealthPanel } from './HealthPanel';

const AT = new Date(2025, 0, 2, 9, 30, 15);
const LIVE_UP = { status: 'fulfilled', value: { status: 'UP', checks: [] } } as const;

function snapshotOf(body: unknown): HealthSnapshot {
  return nextSnapshot(INITIAL_SNAPSHOT, { status: 'fulfilled', value: parseHealthReport(body) }, LIVE_UP, AT);
}

function renderPanel(snapshot: HealthSnapshot, refreshing = false, onRefresh = () => {}) {
  return render(<HealthPanel snapshot={snapshot} refreshing={refreshing} onRefresh={onRefresh} intervalMs={5000} />);
}

const statusCell = (name: string) => within(screen.getByTestId(`check-${name}`)).getByRole('cell');

describe('HealthPanel', () => {
  it('shows CHECKING and no table before the first check', () => {
    renderPanel(INITIAL_SNAPSHOT, true);
    expect(screen.getByTestId('overall-status').textContent).toBe('CHECKING…');
    expect(screen.getByTestId('last-checked').textContent).toBe('not yet');
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('renders an UP gateway with every check in a table with headers', () => {
    renderPanel(snapshotOf(READY_UP));
    expect(screen.getByTestId('overall-status').textContent).toBe('UP');
    const table = screen.getByRole('table', { name: 'Readiness checks' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Check', 'Status']);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual([
      'postgres',
      'migrations',
      'verticles',
      'redis',
    ]);
    expect(statusCell('postgres').textContent).toBe('UP');
    expect(statusCell('redis').textContent).toBe('not configured');
    expect(screen.getByTestId('last-checked').textContent).toBe('09:30:15');
    expect(screen.getByTestId('last-checked').querySelector('time')?.getAttribute('datetime')).toBe(
      AT.toISOString(),
    );
    expect(screen.queryByTestId('error')).toBeNull();
  });

  it('renders DOWN checks as DOWN and the overall badge as DOWN', () => {
    renderPanel(snapshotOf(READY_DOWN));
    const overall = screen.getByTestId('overall-status');
    expect(overall.textContent).toBe('DOWN');
    expect(overall.className).toContain('tone--bad');
    expect(statusCell('postgres').textContent).toBe('DOWN');
    expect(statusCell('postgres').querySelector('.badge')?.className).toContain('tone--bad');
    expect(statusCell('migrations').textContent).toBe('UP');
  });

  it('announces the overall status through a polite live region', () => {
    renderPanel(snapshotOf(READY_UP));
    const region = screen.getByRole('status');
    expect(region.getAttribute('aria-live')).toBe('polite');
    expect(within(region).getByTestId('overall-status').textContent).toBe('UP');
  });

  it('shows a clear message when the gateway is unreachable and marks the last checks stale', () => {
    const lost = new GatewayUnreachableError('cannot reach /health/ready: Failed to fetch');
    const snapshot = nextSnapshot(
      snapshotOf(READY_UP),
      { status: 'rejected', reason: lost },
      { status: 'rejected', reason: lost },
      new Date(2025, 0, 2, 9, 30, 20),
    );
    renderPanel(snapshot);
    expect(screen.getByTestId('overall-status').textContent).toBe('UNREACHABLE');
    const error = screen.getByRole('alert');
    expect(error).toBe(screen.getByTestId('error'));
    expect(error.textContent).toBe('Gateway unreachable: cannot reach /health/ready: Failed to fetch');
    expect(screen.getByRole('table', { name: /last known, from 09:30:15/ })).toBeTruthy();
    expect(screen.getByTestId('last-checked').textContent).toBe('09:30:20');
    expect(screen.getByTestId('liveness-status').textContent).toBe('UNREACHABLE');
  });

  it('shows the refreshing state and disables the refresh button while a check runs', () => {
    const onRefresh = vi.fn();
    const { rerender } = renderPanel(snapshotOf(READY_UP), true, onRefresh);
    expect(screen.getByTestId('refreshing').hidden).toBe(false);
    expect(screen.getByRole('region', { name: 'Gateway health' }).getAttribute('aria-busy')).toBe('true');
    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Refresh now' });
    expect(button.disabled).toBe(true);

    rerender(<HealthPanel snapshot={snapshotOf(READY_UP)} refreshing={false} onRefresh={onRefresh} intervalMs={5000} />);
    expect(screen.getByTestId('refreshing').hidden).toBe(true);
    fireEvent.click(button);
    expect(onRefresh).toHaveBeenCalledTimes(1);
  });
});
