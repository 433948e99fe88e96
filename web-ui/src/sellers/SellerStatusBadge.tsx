import type { SellerStatus } from '../api/sellers';

export const STATUS_WORDS: Record<SellerStatus, string> = {
  active: 'active',
  reauth_required: 'needs re-authorization',
  disabled: 'disabled',
};

const TONES: Record<SellerStatus, string> = { active: 'ok', reauth_required: 'bad', disabled: 'neutral' };

export function SellerStatusBadge({ status }: { readonly status: SellerStatus }) {
  return <span className={`badge badge--small tone--${TONES[status]}`}>{STATUS_WORDS[status]}</span>;
}
