import { useState } from 'react';
import { Link } from 'react-router';
import { useSellers } from '../api/sellers';
import { ErrorNotice } from '../components/QueryState';
import { ConnectSellerDialog } from '../sellers/ConnectSellerDialog';
import { useTenantLink } from '../session/tenant';
import { TryACall } from './TryACall';

/** The first thing to do: connect a seller when there is none, else make a call through the gateway. */
export function NextStep() {
  const first = useSellers({}, 1);
  const [connecting, setConnecting] = useState(false);
  const link = useTenantLink();
  if (first.isPending) return null;
  if (first.isError) return <ErrorNotice error={first.error} onRetry={() => first.refetch()} />;
  const seller = first.data.pages[0]?.items[0];
  return (
    <section className="panel next-step" aria-labelledby="next-step-heading" data-testid="next-step">
      <h2 id="next-step-heading">What to do next</h2>
      {seller ? (
        <>
          <p>Your sellers are connected. Try a call to Amazon through the gateway, with an API key of this tenant:</p>
          <TryACall seller={seller} />
          <p className="next-step__links">
            <Link to={link('/sellers')}>See all sellers</Link>
            <Link to={link('/quotas', { seller: seller.id })}>Watch this seller's quotas</Link>
          </p>
        </>
      ) : (
        <>
          <p>No seller is connected yet. Connect one to make SP-API calls for it.</p>
          <button type="button" className="button--primary" onClick={() => setConnecting(true)}>
            Connect your first seller
          </button>
        </>
      )}
      {connecting && <ConnectSellerDialog onClose={() => setConnecting(false)} />}
    </section>
  );
}
