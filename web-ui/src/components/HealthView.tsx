import { DEFAULT_INTERVAL_MS, useHealthPolling, type HealthPollingOptions } from '../hooks/useHealthPolling';
import { useEnvironment } from '../session/environment';
import { HealthPanel } from './HealthPanel';

/** The gateway's own health (`/health/ready`, `/health/live`), polled. */
export function HealthView(props: Omit<HealthPollingOptions, 'fetchImpl'>) {
  const { fetchImpl } = useEnvironment();
  const intervalMs = props.intervalMs ?? DEFAULT_INTERVAL_MS;
  const { snapshot, refreshing, refresh } = useHealthPolling({ ...props, fetchImpl, intervalMs });
  return <HealthPanel snapshot={snapshot} refreshing={refreshing} onRefresh={refresh} intervalMs={intervalMs} />;
}
