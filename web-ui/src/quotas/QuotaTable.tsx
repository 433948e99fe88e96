import type { QuotaBucket } from '../api/quotas';
import { formatRate } from '../format';

const decimal = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });

export const RATE_SOURCE_WORDS: Record<QuotaBucket['rateSource'], string> = {
  table: 'rate table',
  amazon: "Amazon's x-amzn-RateLimit-Limit header",
};

/** Each operation's token bucket as it is now. */
export function QuotaTable({ operations }: { readonly operations: readonly QuotaBucket[] }) {
  return (
    <div className="table-scroller table-scroller--auto" role="region" aria-label="Quota buckets" tabIndex={0}>
      <table className="data-table data-table--sticky-first">
        <thead>
          <tr>
            <th scope="col">Operation</th>
            <th scope="col">Tokens now</th>
            <th scope="col">Rate in force</th>
            <th scope="col">Rate from</th>
            <th scope="col">Burst</th>
            <th scope="col">Callers waiting</th>
          </tr>
        </thead>
        <tbody>
          {operations.map((bucket) => (
            <tr key={`${bucket.operation}-${bucket.region}`} data-testid={`quota-${bucket.operation}`}>
              <th scope="row">
                <code>{bucket.operation}</code>
                <div className="muted small">
                  {bucket.api} · {bucket.method} · {bucket.region.toUpperCase()}
                </div>
              </th>
              <td>
                <span data-testid={`quota-tokens-${bucket.operation}`}>{decimal.format(bucket.tokens)}</span>
                <TokenBar tokens={bucket.tokens} burst={bucket.burst} />
              </td>
              <td data-testid={`quota-rate-${bucket.operation}`}>
                {formatRate(bucket.ratePerSecond)}
                {bucket.ratePerSecond !== bucket.planRatePerSecond && (
                  <div className="muted small" data-testid={`quota-plan-${bucket.operation}`}>
                    plan: {formatRate(bucket.planRatePerSecond)}
                  </div>
                )}
              </td>
              <td data-testid={`quota-source-${bucket.operation}`}>{RATE_SOURCE_WORDS[bucket.rateSource]}</td>
              <td>{decimal.format(bucket.burst)}</td>
              <td className={bucket.waiting > 0 ? 'cell--warn' : undefined}>{bucket.waiting}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The bucket's fill against its burst; the number beside it is what screen readers hear. */
function TokenBar({ tokens, burst }: { readonly tokens: number; readonly burst: number }) {
  const share = burst > 0 ? Math.max(0, Math.min(1, tokens / burst)) : 0;
  return (
    <span className="token-bar" aria-hidden="true">
      <span className="token-bar__fill" style={{ width: `${share * 100}%` }} />
    </span>
  );
}
