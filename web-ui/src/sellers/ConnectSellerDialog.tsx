import { useState, type FormEvent } from 'react';
import { useApplications } from '../api/applications';
import { MARKETPLACES, REGION_NAMES } from '../api/marketplaces';
import { useConnectSeller } from '../api/sellers';
import { Dialog } from '../components/Dialog';
import { ErrorNotice, Loading } from '../components/QueryState';

const DEFAULT_MARKETPLACE = 'ATVPDKIKX0DER';

/**
 * Connecting a seller: choose the application and a marketplace, then the browser goes to Seller
 * Central's consent page, whose answer comes back to /connected.
 */
export function ConnectSellerDialog({ onClose }: { readonly onClose: () => void }) {
  const applications = useApplications();
  const connect = useConnectSeller();
  const [application, setApplication] = useState('');
  const [marketplaceId, setMarketplaceId] = useState(DEFAULT_MARKETPLACE);
  const usable = applications.data?.items ?? [];
  const chosenApplication = application || usable[0]?.id || '';

  function submit(event: FormEvent) {
    event.preventDefault();
    connect.mutate({ application: chosenApplication, marketplaceId });
  }

  return (
    <Dialog title="Connect a seller" onClose={onClose} testId="connect-seller">
      <p className="muted">
        The next page is Amazon's Seller Central, where the seller signs in and allows this application to act for it.
        Afterwards the browser comes back here.
      </p>
      {applications.isPending && <Loading>Loading applications…</Loading>}
      {applications.isError && <ErrorNotice error={applications.error} onRetry={() => applications.refetch()} />}
      {applications.isSuccess && usable.length === 0 && (
        <p className="error">This tenant has no application to connect sellers under. An administrator shares one with it.</p>
      )}
      <form onSubmit={submit} className="form">
        <label htmlFor="connect-application">Application</label>
        <select id="connect-application" value={chosenApplication} onChange={(e) => setApplication(e.target.value)}>
          {usable.map((app) => (
            <option key={app.id} value={app.id}>
              {app.id}
              {app.draft ? ' (draft)' : ''}
            </option>
          ))}
        </select>
        <label htmlFor="connect-marketplace">Marketplace</label>
        <select id="connect-marketplace" value={marketplaceId} onChange={(e) => setMarketplaceId(e.target.value)}>
          {(['na', 'eu', 'fe'] as const).map((region) => (
            <optgroup key={region} label={REGION_NAMES[region]}>
              {MARKETPLACES.filter((m) => m.region === region).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name} ({m.country}, {m.id})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        {connect.isError && <ErrorNotice error={connect.error} />}
        <div className="dialog__actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button--primary" disabled={chosenApplication === '' || connect.isPending || connect.isSuccess}>
            {connect.isPending || connect.isSuccess ? 'Opening Seller Central…' : 'Continue to Seller Central'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
