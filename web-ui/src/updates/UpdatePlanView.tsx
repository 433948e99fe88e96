import type { UpdatePlan } from '../api/updates';
import { formatDateTime, formatDuration, plural } from '../format';
import { fromNow } from './JobTimes';
import { planPathWords } from './words';

/** How the gateway would send the accepted items: per seller, patches or a feed, and how long it would take. */
export function UpdatePlanView({ plan }: { readonly plan: UpdatePlan }) {
  return (
    <>
      <p data-testid="update-estimate">
        Estimated time <strong>{formatDuration(plan.estimatedSeconds)}</strong>: done about{' '}
        <time dateTime={plan.estimatedCompletionAt}>{formatDateTime(plan.estimatedCompletionAt)}</time> if started now (
        {fromNow(plan.estimatedCompletionAt)}).
      </p>
      <div className="table-scroller table-scroller--auto" role="region" aria-label="Plan by seller" tabIndex={0}>
        <table className="data-table data-table--sticky-first">
          <thead>
            <tr>
              <th scope="col">Seller</th>
              <th scope="col">Items</th>
              <th scope="col">SKUs</th>
              <th scope="col">Sent as</th>
              <th scope="col">Calls</th>
              <th scope="col">Estimated time</th>
            </tr>
          </thead>
          <tbody>
            {plan.sellers.map((seller) => (
              <tr key={seller.sellerId} data-testid={`plan-seller-${seller.sellerId}`}>
                <th scope="row">
                  <code>{seller.sellingPartnerId}</code>
                </th>
                <td>{seller.items.toLocaleString('en')}</td>
                <td>{seller.skus.toLocaleString('en')}</td>
                <td data-path={seller.path}>{planPathWords(seller)}</td>
                <td>{callsText(seller.patches, seller.feeds)}</td>
                <td>{formatDuration(seller.estimatedSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** "12 patches", "1 feed", or both when a seller's items go both ways. */
function callsText(patches: number, feeds: number): string {
  const parts = [patches > 0 ? plural(patches, 'patch', 'patches') : '', feeds > 0 ? plural(feeds, 'feed') : ''].filter((p) => p !== '');
  return parts.length === 0 ? 'none' : parts.join(' + ');
}
