import { useCallback, useEffect, useRef, useState } from 'react';
import { LIVE_PATH, READY_PATH, fetchHealth } from '../api/health';
import { INITIAL_SNAPSHOT, nextSnapshot, type HealthSnapshot } from '../api/snapshot';

export const DEFAULT_INTERVAL_MS = 5000;

export interface HealthPollingOptions {
  readonly intervalMs?: number;
  readonly timeoutMs?: number;
  readonly fetchImpl?: typeof fetch;
}

export interface HealthPolling {
  readonly snapshot: HealthSnapshot;
  /** True while a check is in flight. */
  readonly refreshing: boolean;
  /** Starts a check now unless one is already in flight. */
  readonly refresh: () => void;
}

/**
 * Checks readiness and liveness on mount and every `intervalMs`. At most one check is in flight:
 * ticks that find one running are skipped. Unmounting aborts the running check.
 */
export function useHealthPolling(options: HealthPollingOptions = {}): HealthPolling {
  const { intervalMs = DEFAULT_INTERVAL_MS, timeoutMs, fetchImpl } = options;
  const [snapshot, setSnapshot] = useState<HealthSnapshot>(INITIAL_SNAPSHOT);
  const [refreshing, setRefreshing] = useState(false);
  // The in-flight guard: the controller of the running check, or null.
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    if (inFlight.current) return;
    const controller = new AbortController();
    inFlight.current = controller;
    setRefreshing(true);
    const request = {
      signal: controller.signal,
      ...(timeoutMs !== undefined && { timeoutMs }),
      ...(fetchImpl !== undefined && { fetchImpl }),
    };
    void Promise.allSettled([fetchHealth(READY_PATH, request), fetchHealth(LIVE_PATH, request)]).then(
      ([ready, live]) => {
        if (controller.signal.aborted) return;
        inFlight.current = null;
        setSnapshot((previous) => nextSnapshot(previous, ready, live, new Date()));
        setRefreshing(false);
      },
    );
  }, [timeoutMs, fetchImpl]);

  useEffect(() => {
    refresh();
    const timer = setInterval(refresh, intervalMs);
    return () => {
      clearInterval(timer);
      inFlight.current?.abort();
      inFlight.current = null;
    };
  }, [refresh, intervalMs]);

  return { snapshot, refreshing, refresh };
}
