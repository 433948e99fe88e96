import { overallStatus, type HealthSnapshot } from '../api/snapshot';
import { formatClock } from '../format';
import { StatusBadge } from './StatusBadge';

export interface HealthPanelProps {
  readonly snapshot: HealthSnapshot;
  readonly refreshing: boolean;
  readonly onRefresh: () => void;
  readonly intervalMs: number;
}

export function HealthPanel({ snapshot, refreshing, onRefresh, intervalMs }: HealthPanelProps) {
  const overall = overallStatus(snapshot);
  const { readiness, readinessAt, liveness, error, checkedAt } = snapshot;
  const stale = error !== null && readiness !== null;

  return (
    <section className="panel" aria-labelledby="health-heading" aria-busy={refreshing}>
      <div className="panel__head">
        <h2 id="health-heading">Gateway health</h2>
        <div className="panel__actions">
          <span className="refreshing" data-testid="refreshing" hidden={!refreshing}>
            <span className="spinner" aria-hidden="true" />
            Refreshing…
          </span>
          <button type="button" onClick={onRefresh} disabled={refreshing}>
            Refresh now
          </button>
        </div>
      </div>

      <div className="overall">
        <div className="overall__main" role="status" aria-live="polite" aria-atomic="true">
          <span className="overall__label">Readiness</span>
          <StatusBadge status={overall} size="large" testId="overall-status" />
        </div>
        <dl className="facts">
          <div>
            <dt>Liveness</dt>
            <dd>{liveness ? <StatusBadge status={liveness} testId="liveness-status" /> : '—'}</dd>
          </div>
          <div>
            <dt>Last checked</dt>
            <dd data-testid="last-checked">
              {checkedAt ? <time dateTime={checkedAt.toISOString()}>{formatClock(checkedAt)}</time> : 'not yet'}
            </dd>
          </div>
          <div>
            <dt>Refresh</dt>
            <dd>every {Math.round(intervalMs / 1000)} s</dd>
          </div>
        </dl>
      </div>

      {error && (
        <p className={`error error--${error.kind}`} role="alert" data-testid="error">
          {error.message}
        </p>
      )}

      {readiness && (
        <table className={stale ? 'checks checks--stale' : 'checks'}>
          <caption>
            {stale && readinessAt
              ? `Readiness checks — last known, from ${formatClock(readinessAt)}`
              : 'Readiness checks'}
          </caption>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {readiness.checks.length === 0 ? (
              <tr>
                <td colSpan={2} className="checks__empty">
                  The gateway reported no individual checks.
                </td>
              </tr>
            ) : (
              readiness.checks.map((check) => (
                <tr key={check.name} data-testid={`check-${check.name}`}>
                  <th scope="row">{check.name}</th>
                  <td>
                    <StatusBadge status={check.status} />
                  </td>
                </tr>
              ))
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
