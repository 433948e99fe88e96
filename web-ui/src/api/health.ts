/**
 * Typed client for the gateway's health endpoints.
 *
 * GET /health/ready -> 200 {"status":"UP","checks":{"postgres":"UP",...}}
 *                      200 {"status":"DEGRADED","checks":{"redis":"DEGRADED",...}} (serving, Redis down)
 *                      503 {"status":"DOWN","checks":{"postgres":"DOWN",...}}
 * GET /health/live  -> 200 {"status":"UP"}
 *
 * Both 200 and 503 carry a report; anything else (other HTTP status, non-JSON body, JSON of the
 * wrong shape, network failure, timeout) is an error and is reported as such, never guessed at.
 */

export type OverallStatus = 'UP' | 'DEGRADED' | 'DOWN';

/** Status of one check. The gateway uses UP, DEGRADED, DOWN and NOT_CONFIGURED; other words are kept verbatim. */
export type CheckStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'NOT_CONFIGURED' | (string & {});

export interface HealthCheck {
  readonly name: string;
  readonly status: CheckStatus;
}

export interface HealthReport {
  readonly status: OverallStatus;
  /** In the order the gateway sent them. */
  readonly checks: readonly HealthCheck[];
}

export const READY_PATH = '/health/ready';
export const LIVE_PATH = '/health/live';
export const DEFAULT_TIMEOUT_MS = 4000;

/** The response arrived but is not a health report. */
export class HealthResponseError extends Error {
  override readonly name = 'HealthResponseError';
}

/** The gateway could not be reached (network error, refused connection, timeout). */
export class GatewayUnreachableError extends Error {
  override readonly name = 'GatewayUnreachableError';
}

const OVERALL: readonly string[] = ['UP', 'DEGRADED', 'DOWN'];
const MAX_WORD = 64;

function isWord(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0 && value.length <= MAX_WORD;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a parsed JSON body as a health report.
 * `checks` is optional (the liveness probe omits it) and then yields an empty list.
 * @throws HealthResponseError when the shape is wrong
 */
export function parseHealthReport(body: unknown): HealthReport {
  if (!isPlainObject(body)) {
    throw new HealthResponseError('health response is not a JSON object');
  }
  const { status, checks } = body;
  if (typeof status !== 'string' || !OVERALL.includes(status)) {
    throw new HealthResponseError(`health response has invalid "status": ${JSON.stringify(status) ?? 'missing'}`);
  }
  const parsed: HealthCheck[] = [];
  if (checks !== undefined) {
    if (!isPlainObject(checks)) {
      throw new HealthResponseError('health response has "checks" that is not an object');
    }
    for (const [name, value] of Object.entries(checks)) {
      if (!isWord(name)) {
        throw new HealthResponseError(`health response has an invalid check name: ${JSON.stringify(name)}`);
      }
      if (!isWord(value)) {
        throw new HealthResponseError(`check "${name}" has an invalid status: ${JSON.stringify(value)}`);
      }
      parsed.push({ name, status: value });
    }
  }
  return { status: status as OverallStatus, checks: parsed };
}

export interface FetchHealthOptions {
  /** Aborts the request (e.g. on unmount). */
  readonly signal?: AbortSignal;
  /** Per-request time limit; the request counts as unreachable after it. */
  readonly timeoutMs?: number;
  /** Injected for tests; defaults to the global fetch. */
  readonly fetchImpl?: typeof fetch;
}

/**
 * Fetches and validates one health endpoint (same origin).
 * @throws GatewayUnreachableError | HealthResponseError | DOMException(AbortError) if `signal` aborted
 */
export async function fetchHealth(path: string, options: FetchHealthOptions = {}): Promise<HealthReport> {
  const { signal, timeoutMs = DEFAULT_TIMEOUT_MS, fetchImpl = globalThis.fetch.bind(globalThis) } = options;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  const onOuterAbort = () => timeout.abort();
  signal?.addEventListener('abort', onOuterAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetchImpl(path, {
        method: 'GET',
        headers: { Accept: 'application/json' },
        cache: 'no-store',
        signal: timeout.signal,
      });
    } catch (cause) {
      if (signal?.aborted) throw cause;
      if (timeout.signal.aborted) {
        throw new GatewayUnreachableError(`no answer from ${path} within ${timeoutMs} ms`);
      }
      throw new GatewayUnreachableError(`cannot reach ${path}: ${describe(cause)}`);
    }
    if (response.status !== 200 && response.status !== 503) {
      throw new HealthResponseError(`unexpected HTTP ${response.status} from ${path}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new HealthResponseError(`HTTP ${response.status} from ${path} is not JSON`);
    }
    const report = parseHealthReport(body);
    // 200 means serving (UP, or DEGRADED while Redis is down); 503 means DOWN.
    if ((response.status === 503) !== (report.status === 'DOWN')) {
      throw new HealthResponseError(`HTTP ${response.status} from ${path} says status ${report.status}`);
    }
    return report;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onOuterAbort);
  }
}

function describe(cause: unknown): string {
  return cause instanceof Error && cause.message ? cause.message : String(cause);
}
