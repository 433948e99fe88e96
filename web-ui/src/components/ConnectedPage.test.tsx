import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MemoryRouter } from 'react-router';
import { ConnectedPage } from './ConnectedPage';

function showConnected(search: string) {
  return render(
    <MemoryRouter initialEntries={[`/connected${search}`]}>
      <ConnectedPage />
    </MemoryRouter>,
  );
}

const SELLER = '0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59';
const title = () => screen.getByTestId('connected-title').textContent;
const detail = () => screen.getByTestId('connected-detail').textContent;

describe('ConnectedPage', () => {
  it('says the seller was connected and shows its id', () => {
    showConnected(`?outcome=connected&sellerId=${SELLER}`);
    expect(title()).toBe('Seller connected');
    expect(detail()).toContain('now connected');
    expect(screen.getByTestId('connected-seller').textContent).toBe(SELLER);
  });

  it('says a re-authorization renewed the seller', () => {
    showConnected(`?outcome=reauthorized&sellerId=${SELLER}`);
    expect(title()).toBe('Seller re-authorized');
  });

  it('says in words why the seller was not connected', () => {
    showConnected('?outcome=failed&code=selling_partner_mismatch');
    expect(title()).toBe('Seller not connected');
    expect(detail()).toContain('another selling account');
    expect(screen.queryByTestId('connected-seller')).toBeNull();
  });

  it('explains an existing seller and points at re-authorization', () => {
    showConnected('?outcome=failed&code=seller_exists');
    expect(detail()).toContain('already connected');
    expect(detail()).toContain('re-authorization');
  });

  it('names an unknown code only when it looks like one, and never shows a malformed seller id', () => {
    const { unmount } = showConnected('?outcome=failed&code=internal_error');
    expect(detail()).toBe('The authorization did not complete (internal_error). Try again with a new link.');
    unmount();
    showConnected('?outcome=connected&sellerId=<script>alert(1)</script>');
    expect(screen.queryByTestId('connected-seller')).toBeNull();
  });

  it('refuses codes that are not plain words', () => {
    showConnected('?outcome=failed&code=%3Cb%3Ebold%3C%2Fb%3E');
    expect(detail()).toBe('The authorization did not complete. Try again with a new link.');
  });

  it('links back into the console: its sellers page and the seller', () => {
    showConnected(`?outcome=connected&sellerId=${SELLER}`);
    expect(screen.getByTestId('connected-back').getAttribute('href')).toBe('/sellers');
    expect(screen.getByRole('link', { name: 'See this seller' }).getAttribute('href')).toBe(`/sellers/${SELLER}`);
  });

  it('says there is nothing to show without an outcome', () => {
    showConnected('');
    expect(title()).toBe('No authorization to show');
  });
});
