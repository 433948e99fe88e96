import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useDeleteSeller, useReauthorize, useSetSellerStatus, type Seller } from '../api/sellers';
import { ConfirmMutation } from '../components/ConfirmDialog';
import { ErrorNotice } from '../components/QueryState';
import { useTenantLink } from '../session/tenant';

/** What can be done to one seller: renew its authorization, pause or resume it, remove it. */
export function SellerActions({ seller }: { readonly seller: Seller }) {
  const reauthorize = useReauthorize(seller.id);
  const setStatus = useSetSellerStatus(seller.id);
  const remove = useDeleteSeller(seller.id);
  const [confirming, setConfirming] = useState(false);
  const navigate = useNavigate();
  const link = useTenantLink();
  const enabling = seller.status === 'disabled';

  return (
    <div className="actions" aria-label="Seller actions" role="group">
      <div className="actions__buttons">
        <button type="button" onClick={() => reauthorize.mutate()} disabled={reauthorize.isPending || reauthorize.isSuccess}>
          {reauthorize.isPending || reauthorize.isSuccess ? 'Opening Seller Central…' : 'Re-authorize'}
        </button>
        <button type="button" onClick={() => setStatus.mutate(enabling ? 'active' : 'disabled')} disabled={setStatus.isPending}>
          {enabling ? 'Enable' : 'Disable'}
        </button>
        <button type="button" className="button--danger" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      </div>
      {reauthorize.isError && <ErrorNotice error={reauthorize.error} />}
      {setStatus.isError && <ErrorNotice error={setStatus.error} />}
      {confirming && (
        <ConfirmMutation
          title={`Delete seller ${seller.sellingPartnerId}?`}
          message={
            <p>
              The gateway forgets this seller and its refresh token; calls for it stop at once. To use it again, connect it
              again through Seller Central.
            </p>
          }
          confirmLabel="Delete seller"
          mutation={remove}
          variables={undefined}
          onClose={() => setConfirming(false)}
          onDone={() => navigate(link('/sellers'))}
        />
      )}
    </div>
  );
}
