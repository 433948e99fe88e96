import { GatewayUnreachableError, type HealthReport } from './health';

/** What the console shows as the gateway's overall state. */
export type ConsoleStatus = 'CHECKING' | 'UP' | 'DEGRADED' | 'DOWN' | 'UNREACHABLE' | 'UNKNOWN';

export interface HealthSnapshot {
  /** Last readiness report received, kept (marked stale) when a later check fails. */
  readonly readiness: HealthReport | null;
  /** When `readiness` was received. */
  readonly readinessAt: Date | null;
  /** Liveness as of the last check; null before the first one. */
  readonly liveness: ConsoleStatus | null;
  /** Why the last readiness check failed; null when it succeeded. */
  readonly error: { readonly kind: 'unreachable' | 'invalid'; readonly message: string } | null;
  /** When the last check (successful or not) completed. */
  readonly checkedAt: Date | null;
}

export const INITIAL_SNAPSHOT: HealthSnapshot = {
  readiness: null,
  readinessAt: null,
  liveness: null,
  error: null,
  checkedAt: null,
};

function failureKind(reason: unknown): 'unreachable' | 'invalid' {
  return reason instanceof GatewayUnreachableError ? 'unreachable' : 'invalid';
}

function reasonText(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}

/** Folds the outcome of one readiness + liveness round into the next snapshot. Pure. */
export function nextSnapshot(
  previous: HealthSnapshot,
  ready: PromiseSettledResult<HealthReport>,
  live: PromiseSettledResult<HealthReport>,
  now: Date,
): HealthSnapshot {
  const liveness: ConsoleStatus =
    live.status === 'fulfilled'
      ? live.value.status
      : failureKind(live.reason) === 'unreachable'
        ? 'UNREACHABLE'
        : 'UNKNOWN';
  if (ready.status === 'fulfilled') {
    return { readiness: ready.value, readinessAt: now, liveness, error: null, checkedAt: now };
  }
  const kind = failureKind(ready.reason);
  const message =
    kind === 'unreachable'
      ? `Gateway unreachable: ${reasonText(ready.reason)}`
      : `Gateway answered, but not with a valid health report: ${reasonText(ready.reason)}`;
  return { ...previous, liveness, error: { kind, message }, checkedAt: now };
}

/** The headline status for a snapshot. */
export function overallStatus(snapshot: HealthSnapshot): ConsoleStatus {
  if (snapshot.error) return snapshot.error.kind === 'unreachable' ? 'UNREACHABLE' : 'UNKNOWN';
  return snapshot.readiness?.status ?? 'CHECKING';
}
