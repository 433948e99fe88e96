import { describe, expect, it } from 'vitest';
import {
  GatewayUnreachableError,
  HealthResponseError,
  LIVE_PATH,
  READY_PATH,
  fetchHealth,
  parseHealthReport,
} from './health';
import { READY_DEGRADED, READY_DOWN, READY_UP, fakeFetch, hangUntilAborted, jsonResponse } from '../testing/fakeFetch';

describe('parseHealthReport', () => {
  it('parses a ready UP report, keeping the gateway order of checks', () => {
    expect(parseHealthReport(READY_UP)).toEqual({
      status: 'UP',
      checks: [
        { name: 'postgres', status: 'UP' },
        { name: 'migrations', status: 'UP' },
        { name: 'verticles', status: 'UP' },
        { name: 'redis', status: 'NOT_CONFIGURED' },
      ],
    });
  });

  it('parses a DOWN report with its failing checks', () => {
    const report = parseHealthReport(READY_DOWN);
    expect(report.status).toBe('DOWN');
    expect(report.checks.filter((c) => c.status === 'DOWN').map((c) => c.name)).toEqual(['postgres']);
  });

  it('accepts the liveness body, which has no checks', () => {
    expect(parseHealthReport({ status: 'UP' })).toEqual({ status: 'UP', checks: [] });
  });

  it('ignores unknown extra fields', () => {
    expect(parseHealthReport({ status: 'UP', checks: {}, version: '1.2' })).toEqual({ status: 'UP', checks: [] });
  });

  it.each([
    ['null', null],
    ['an array', [{ status: 'UP' }]],
    ['a string', 'UP'],
    ['a body without status', { checks: { postgres: 'UP' } }],
    ['an unknown overall status', { status: 'MAYBE', checks: {} }],
    ['a lower-case overall status', { status: 'up' }],
    ['a numeric status', { status: 1 }],
    ['checks as an array', { status: 'UP', checks: ['postgres'] }],
    ['checks as null', { status: 'UP', checks: null }],
    ['a check whose status is not a string', { status: 'UP', checks: { postgres: true } }],
    ['a check with an empty status', { status: 'UP', checks: { postgres: '' } }],
    ['a check with an empty name', { status: 'UP', checks: { '': 'UP' } }],
    ['a check whose status is an object', { status: 'DOWN', checks: { postgres: { status: 'DOWN' } } }],
  ])('rejects %s', (_label, body) => {
    expect(() => parseHealthReport(body)).toThrow(HealthResponseError);
  });
});

describe('fetchHealth', () => {
  it('returns the report of a 200 UP answer and asks for fresh JSON', async () => {
    let seen: RequestInit | undefined;
    const { impl, calls } = fakeFetch({
      [READY_PATH]: (init) => {
        seen = init;
        return jsonResponse(200, READY_UP);
      },
    });
    const report = await fetchHealth(READY_PATH, { fetchImpl: impl });
    expect(report.status).toBe('UP');
    expect(report.checks).toHaveLength(4);
    expect(calls).toEqual(['/health/ready']);
    expect(seen?.cache).toBe('no-store');
    expect(new Headers(seen?.headers).get('Accept')).toBe('application/json');
  });

  it('returns the report of a 503 DOWN answer instead of failing', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => jsonResponse(503, READY_DOWN) });
    const report = await fetchHealth(READY_PATH, { fetchImpl: impl });
    expect(report.status).toBe('DOWN');
    expect(report.checks[0]).toEqual({ name: 'postgres', status: 'DOWN' });
  });

  it('returns the report of a 200 DEGRADED answer (serving while Redis is down)', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => jsonResponse(200, READY_DEGRADED) });
    const report = await fetchHealth(READY_PATH, { fetchImpl: impl });
    expect(report.status).toBe('DEGRADED');
    expect(report.checks).toContainEqual({ name: 'redis', status: 'DEGRADED' });
  });

  it('rejects a 503 that claims DEGRADED: only DOWN takes the gateway out of service', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => jsonResponse(503, READY_DEGRADED) });
    await expect(fetchHealth(READY_PATH, { fetchImpl: impl })).rejects.toThrow(/says status DEGRADED/);
  });

  it('parses the liveness answer', async () => {
    const { impl } = fakeFetch({ [LIVE_PATH]: () => jsonResponse(200, { status: 'UP' }) });
    await expect(fetchHealth(LIVE_PATH, { fetchImpl: impl })).resolves.toEqual({ status: 'UP', checks: [] });
  });

  it('rejects other HTTP statuses as invalid responses', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => jsonResponse(500, READY_UP) });
    await expect(fetchHealth(READY_PATH, { fetchImpl: impl })).rejects.toThrow(
      new HealthResponseError('unexpected HTTP 500 from /health/ready'),
    );
  });

  it('rejects a body that is not JSON (e.g. an HTML page from a proxy)', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => new Response('<html>oops</html>', { status: 200 }) });
    await expect(fetchHealth(READY_PATH, { fetchImpl: impl })).rejects.toBeInstanceOf(HealthResponseError);
  });

  it('rejects a JSON body of the wrong shape', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => jsonResponse(200, { healthy: true }) });
    await expect(fetchHealth(READY_PATH, { fetchImpl: impl })).rejects.toBeInstanceOf(HealthResponseError);
  });

  it('rejects an HTTP status that contradicts the body', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: () => jsonResponse(200, READY_DOWN) });
    await expect(fetchHealth(READY_PATH, { fetchImpl: impl })).rejects.toThrow(/HTTP 200 .* says status DOWN/);
  });

  it('reports a network failure as unreachable', async () => {
    const { impl } = fakeFetch({
      [READY_PATH]: () => {
        throw new TypeError('Failed to fetch');
      },
    });
    await expect(fetchHealth(READY_PATH, { fetchImpl: impl })).rejects.toThrow(
      new GatewayUnreachableError('cannot reach /health/ready: Failed to fetch'),
    );
  });

  it('reports a gateway that does not answer in time as unreachable', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: hangUntilAborted });
    const error = await fetchHealth(READY_PATH, { fetchImpl: impl, timeoutMs: 20 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GatewayUnreachableError);
    expect((error as Error).message).toBe('no answer from /health/ready within 20 ms');
  });

  it('passes a caller abort through as an AbortError, not as unreachable', async () => {
    const { impl } = fakeFetch({ [READY_PATH]: hangUntilAborted });
    const controller = new AbortController();
    const pending = fetchHealth(READY_PATH, { fetchImpl: impl, signal: controller.signal });
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(GatewayUnreachableError);
    expect((error as Error).name).toBe('AbortError');
  });
});
