/**
 * Where a seller's browser lands after Seller Central's consent (`/connected`): the gateway's OAuth
 * callback sends it here with `outcome=connected|reauthorized&sellerId=…` or `outcome=failed&code=…`
 * in the query, and this page says in words what happened.
 */
import { Link, useLocation } from 'react-router';

export interface ConnectedOutcome {
  readonly tone: 'ok' | 'bad' | 'neutral';
  readonly title: string;
  readonly detail: string;
  readonly sellerId: string | null;
}

/** Why an authorization failed, by the gateway's problem code, in words a seller understands. */
const FAILURES: Record<string, string> = {
  seller_exists:
    'This selling account is already connected. Nothing was changed; to renew its authorization, ask for a re-authorization link.',
  selling_partner_mismatch:
    'You signed in with another selling account than the one this link was made for. Nothing was changed; sign in with that account.',
  seller_deleted: 'The seller this link was made for has been removed meanwhile. Ask for a new link.',
  application_not_shared: 'The application this link was made for is no longer available. Ask for a new link.',
  oauth_state_used: 'This link was already used. Ask for a new one.',
  oauth_state_expired: 'This link has expired (links are valid for 15 minutes). Ask for a new one.',
  oauth_state_invalid: 'This link is not one this gateway issued. Ask for a new one.',
  oauth_callback_invalid: "Amazon's answer was incomplete. Try again with a new link.",
  oauth_code_invalid: 'Amazon did not accept the authorization. Try again with a new link.',
  lwa_unavailable: "Amazon's sign-in service did not answer. Try again in a few minutes.",
  lwa_unexpected_response: "Amazon's sign-in service answered unexpectedly. Try again in a few minutes.",
};

const CODE = /^[a-z][a-z0-9_]{0,63}$/;
const SELLER_ID = /^[0-9a-f-]{36}$/;

export function connectedOutcome(search: string): ConnectedOutcome {
  const query = new URLSearchParams(search);
  const outcome = query.get('outcome');
  const rawSellerId = query.get('sellerId');
  const sellerId = rawSellerId !== null && SELLER_ID.test(rawSellerId) ? rawSellerId : null;
  if (outcome === 'connected' || outcome === 'reauthorized') {
    return {
      tone: 'ok',
      title: outcome === 'connected' ? 'Seller connected' : 'Seller re-authorized',
      detail:
        outcome === 'connected'
          ? 'The selling account is now connected. You can close this page.'
          : "The selling account's authorization was renewed. You can close this page.",
      sellerId,
    };
  }
  if (outcome === 'failed') {
    const code = query.get('code') ?? '';
    const known = Object.prototype.hasOwnProperty.call(FAILURES, code) ? FAILURES[code] : null;
    return {
      tone: 'bad',
      title: 'Seller not connected',
      detail: known ?? `The authorization did not complete${CODE.test(code) ? ` (${code})` : ''}. Try again with a new link.`,
      sellerId: null,
    };
  }
  return { tone: 'neutral', title: 'No authorization to show', detail: 'This page shows how connecting a seller ended.', sellerId: null };
}

export function ConnectedPage() {
  const { tone, title, detail, sellerId } = connectedOutcome(useLocation().search);
  return (
    <section className="panel" aria-labelledby="connected-heading">
      <h1 id="connected-heading" className={`connected__title tone-text--${tone}`} data-testid="connected-title">
        {title}
      </h1>
      <p data-testid="connected-detail">{detail}</p>
      {sellerId && (
        <p className="connected__seller">
          Seller id <code data-testid="connected-seller">{sellerId}</code>
        </p>
      )}
      <p className="connected__links">
        <Link to="/sellers" data-testid="connected-back">
          Go to the console's sellers page
        </Link>
        {sellerId && <Link to={`/sellers/${sellerId}`}>See this seller</Link>}
      </p>
    </section>
  );
}
