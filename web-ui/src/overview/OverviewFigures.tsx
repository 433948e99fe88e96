import { Link } from 'react-router';
import { useOverview, type Overview, type OverviewPoint } from '../api/overview';
import { Sparkline } from '../components/Sparkline';
import { ErrorNotice, Loading } from '../components/QueryState';
import { plural } from '../format';
import { useTenantLink } from '../session/tenant';
import { Figure } from './Figure';

const number = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

function milliseconds(value: number | null): string {
  return value === null ? 'no calls' : `${number.format(value)} ms`;
}

function series(overview: Overview, pick: (point: OverviewPoint) => number | null | undefined): (number | null)[] | null {
  const values = overview.history.points.map(pick);
  return values.some((v) => v === undefined) ? null : values.map((v) => v ?? null);
}

/** The gateway's state for this tenant, polled every 5 s (`GET /v1/overview`). */
export function OverviewFigures() {
  const overview = useOverview();
  if (overview.isPending) return <Loading>Loading the overview…</Loading>;
  if (overview.isError && !overview.data) return <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />;
  const data = overview.data;
  return (
    <>
      {overview.isError && <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />}
      <SellerCounts overview={data} />
      <CallFigures overview={data} />
    </>
  );
}

function SellerCounts({ overview }: { readonly overview: Overview }) {
  const link = useTenantLink();
  const { sellers } = overview;
  const reauth = series(overview, (p) => p.reauthRequired);
  const tokenErrors = series(overview, (p) => p.tokenErrors);
  return (
    <section className="panel" aria-labelledby="sellers-by-status">
      <h2 id="sellers-by-status">Sellers by status</h2>
      <div className="figures">
        <Figure label="All sellers" testId="sellers-total" value={<Link to={link('/sellers')}>{sellers.total}</Link>} />
        <Figure label="Active" testId="sellers-active" value={<Link to={link('/sellers', { status: 'active' })}>{sellers.active}</Link>} />
        <Figure
          label="Need re-authorization"
          testId="sellers-reauth"
          alarm={sellers.reauthRequired > 0}
          value={<Link to={link('/sellers', { status: 'reauth_required' })}>{sellers.reauthRequired}</Link>}
          hint="Amazon no longer accepts their authorization"
          {...(reauth && { chart: <Sparkline values={reauth} label="Sellers needing re-authorization" tone="warn" /> })}
        />
        <Figure
          label="Disabled"
          testId="sellers-disabled"
          value={<Link to={link('/sellers', { status: 'disabled' })}>{sellers.disabled}</Link>}
        />
        <Figure
          label="Token errors"
          testId="sellers-token-errors"
          alarm={sellers.tokenErrors > 0}
          value={sellers.tokenErrors}
          hint="Last access-token refresh failed"
          {...(tokenErrors && { chart: <Sparkline values={tokenErrors} label="Sellers with token errors" tone="warn" /> })}
        />
        <TokenFailures overview={overview} />
      </div>
    </section>
  );
}

/** Failed access-token refreshes, slot by slot: Amazon refusing a seller's grant shows here first. */
function TokenFailures({ overview }: { readonly overview: Overview }) {
  const failures = overview.lastHour.tokenFailures;
  return (
    <Figure
      label="Token refresh failures"
      testId="token-failures"
      alarm={failures > 0}
      value={number.format(failures)}
      hint={`${plural(failures, 'failed refresh', 'failed refreshes')} in the last hour`}
      chart={
        <Sparkline
          values={overview.history.points.map((p) => p.tokenFailures)}
          label={`Failed token refreshes per ${overview.history.slotSeconds} s`}
          tone={failures > 0 ? 'warn' : 'normal'}
        />
      }
    />
  );
}

function CallFigures({ overview }: { readonly overview: Overview }) {
  const { now, lastHour } = overview;
  const points = overview.history.points;
  const throttled = now.throttles > 0 || lastHour.throttles > 0;
  return (
    <section className="panel" aria-labelledby="calls-heading">
      <h2 id="calls-heading">SP-API calls</h2>
      <div className="figures">
        <Figure
          label="Calls per second"
          testId="calls-per-second"
          value={number.format(now.callsPerSecond)}
          hint={`${plural(lastHour.calls, 'call')} in the last hour`}
          chart={<Sparkline values={points.map((p) => p.callsPerSecond)} label="Calls per second" />}
        />
        <Figure
          label="Amazon throttles"
          testId="throttles"
          alarm={throttled}
          value={now.throttles}
          hint={
            throttled ? (
              <strong role="alert" data-testid="throttle-warning">
                Should be 0: Amazon answered 429 {lastHour.throttles === 1 ? 'once' : `${lastHour.throttles} times`} in the last hour.
              </strong>
            ) : (
              'Should be 0 (the gateway keeps calls within quota)'
            )
          }
          chart={<Sparkline values={points.map((p) => p.throttles)} label="Amazon throttles" tone={throttled ? 'warn' : 'normal'} />}
        />
        <Figure
          label="Quota wait p99"
          testId="quota-wait"
          value={milliseconds(now.quotaWaitP99Ms)}
          hint={`Last hour: ${milliseconds(lastHour.quotaWaitP99Ms)}`}
          chart={<Sparkline values={points.map((p) => p.quotaWaitP99Ms)} label="Quota wait p99 in milliseconds" />}
        />
      </div>
    </section>
  );
}
