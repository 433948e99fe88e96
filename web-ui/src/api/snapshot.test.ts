import { describe, expect, it } from 'vitest';
import { GatewayUnreachableError, HealthResponseError, parseHealthReport, type HealthReport } from './health';
import { INITIAL_SNAPSHOT, nextSnapshot, overallStatus } from './snapshot';
import { READY_DOWN, READY_UP } from '../testing/fakeFetch';

const ok = (value: HealthReport): PromiseSettledResult<HealthReport> => ({ status: 'fulfilled', value });
const failed = (reason: unknown): PromiseSettledResult<HealthReport> => ({ status: 'rejected', reason });
const LIVE_UP = ok({ status: 'UP', checks: [] });
const T1 = new Date('2025-01-01T10:00:00Z');
const T2 = new Date('2025-01-01T10:00:05Z');

describe('health snapshot', () => {
  it('is CHECKING before the first check completes', () => {
    expect(overallStatus(INITIAL_SNAPSHOT)).toBe('CHECKING');
  });

  it('takes UP and DOWN from the readiness report', () => {
    const up = nextSnapshot(INITIAL_SNAPSHOT, ok(parseHealthReport(READY_UP)), LIVE_UP, T1);
    expect(overallStatus(up)).toBe('UP');
    expect(up).toMatchObject({ liveness: 'UP', error: null, checkedAt: T1, readinessAt: T1 });

    const down = nextSnapshot(up, ok(parseHealthReport(READY_DOWN)), LIVE_UP, T2);
    expect(overallStatus(down)).toBe('DOWN');
    expect(down.readiness?.checks.find((c) => c.name === 'postgres')?.status).toBe('DOWN');
  });

  it('is UNREACHABLE when the gateway cannot be reached, keeping the last report as stale', () => {
    const up = nextSnapshot(INITIAL_SNAPSHOT, ok(parseHealthReport(READY_UP)), LIVE_UP, T1);
    const lost = new GatewayUnreachableError('cannot reach /health/ready: Failed to fetch');
    const next = nextSnapshot(up, failed(lost), failed(lost), T2);
    expect(overallStatus(next)).toBe('UNREACHABLE');
    expect(next.error).toEqual({
      kind: 'unreachable',
      message: 'Gateway unreachable: cannot reach /health/ready: Failed to fetch',
    });
    expect(next.liveness).toBe('UNREACHABLE');
    expect(next.readiness).toBe(up.readiness);
    expect(next.readinessAt).toBe(T1);
    expect(next.checkedAt).toBe(T2);
  });

  it('is UNKNOWN when the gateway answers with something that is not a health report', () => {
    const next = nextSnapshot(
      INITIAL_SNAPSHOT,
      failed(new HealthResponseError('unexpected HTTP 502 from /health/ready')),
      LIVE_UP,
      T1,
    );
    expect(overallStatus(next)).toBe('UNKNOWN');
    expect(next.error?.message).toContain('unexpected HTTP 502');
    expect(next.readiness).toBeNull();
  });

  it('clears the error once a check succeeds again', () => {
    const broken = nextSnapshot(INITIAL_SNAPSHOT, failed(new GatewayUnreachableError('x')), LIVE_UP, T1);
    const healed = nextSnapshot(broken, ok(parseHealthReport(READY_UP)), LIVE_UP, T2);
    expect(healed.error).toBeNull();
    expect(overallStatus(healed)).toBe('UP');
  });
});
