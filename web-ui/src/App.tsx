import { ConnectedPage } from './components/ConnectedPage';
import { HealthPanel } from './components/HealthPanel';
import { SessionPanel } from './components/SessionPanel';
import { DEFAULT_INTERVAL_MS, useHealthPolling, type HealthPollingOptions } from './hooks/useHealthPolling';

export type AppProps = HealthPollingOptions & {
  /** Where the console was opened; the browser's location by default. */
  readonly location?: { readonly pathname: string; readonly search: string };
};

/** The path the gateway's OAuth callback sends sellers' browsers to. */
export const CONNECTED_PATH = '/connected';

export function App({ location = window.location, ...polling }: AppProps = {}) {
  const connected = location.pathname.endsWith(CONNECTED_PATH);
  return (
    <>
      <header className="topbar">
        <h1>spgate console</h1>
        <span className="topbar__sub">Selling Partner API gateway</span>
      </header>
      <main className="content">
        {connected ? (
          <ConnectedPage search={location.search} />
        ) : (
          <>
            <SessionPanel {...(polling.fetchImpl !== undefined && { fetchImpl: polling.fetchImpl })} />
            <HealthView {...polling} />
          </>
        )}
      </main>
      {!connected && (
        <footer className="footer">
          Data from <code>/health/ready</code> and <code>/health/live</code> on this gateway.
        </footer>
      )}
    </>
  );
}

function HealthView(props: HealthPollingOptions) {
  const intervalMs = props.intervalMs ?? DEFAULT_INTERVAL_MS;
  const { snapshot, refreshing, refresh } = useHealthPolling({ ...props, intervalMs });
  return <HealthPanel snapshot={snapshot} refreshing={refreshing} onRefresh={refresh} intervalMs={intervalMs} />;
}
