import { HealthPanel } from './components/HealthPanel';
import { DEFAULT_INTERVAL_MS, useHealthPolling, type HealthPollingOptions } from './hooks/useHealthPolling';

export type AppProps = HealthPollingOptions;

export function App(props: AppProps = {}) {
  const intervalMs = props.intervalMs ?? DEFAULT_INTERVAL_MS;
  const { snapshot, refreshing, refresh } = useHealthPolling({ ...props, intervalMs });
  return (
    <>
      <header className="topbar">
        <h1>spgate console</h1>
        <span className="topbar__sub">Selling Partner API gateway</span>
      </header>
      <main className="content">
        <HealthPanel snapshot={snapshot} refreshing={refreshing} onRefresh={refresh} intervalMs={intervalMs} />
      </main>
      <footer className="footer">
        Data from <code>/health/ready</code> and <code>/health/live</code> on this gateway.
      </footer>
    </>
  );
}
