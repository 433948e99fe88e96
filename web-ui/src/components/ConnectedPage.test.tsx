import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ConnectedPage } from './ConnectedPage';

const SELLER = '0b4f5c1e-7a52-4d55-9a1e-3f1d2c3b4a59';
const title = () => screen.getByTestId('connected-title').textContent;
const detail = () => screen.getByTestId('connected-detail').textContent;

describe('ConnectedPage', () => {
  it('says the seller was connected and shows its id', () => {
    render(<ConnectedPage search={`?outcome=connected&sellerId=${SELLER}`} />);
    expect(title()).toBe('Seller connected');
    expect(detail()).toContain('now connected');
    expect(screen.getByTestId('connected-seller').textContent).toBe(SELLER);
  });

  it('says a re-authorization renewed the seller', () => {
    render(<ConnectedPage search={`?outcome=reauthorized&sellerId=${SELLER}`} />);
    expect(title()).toBe('Seller re-authorized');
  });

  it('says in words why the seller was not connected', () => {
    render(<ConnectedPage search="?outcome=failed&code=selling_partner_mismatch" />);
    expect(title()).toBe('Seller not connected');
    expect(detail()).toContain('another selling account');
    expect(screen.queryByTestId('connected-seller')).toBeNull();
  });

  it('explains an existing seller and points at re-authorization', () => {
    render(<ConnectedPage search="?outcome=failed&code=seller_exists" />);
    expect(detail()).toContain('already connected');
    expect(detail()).toContain('re-authorization');
  });

  it('names an unknown code only when it looks like one, and never shows a malformed seller id', () => {
    const { unmount } = render(<ConnectedPage search="?outcome=failed&code=internal_error" />);
    expect(detail()).toBe('The authorization did not complete (internal_error). Try again with a new link.');
    unmount();
    render(<ConnectedPage search={'?outcome=connected&sellerId=<script>alert(1)</script>'} />);
    expect(screen.queryByTestId('connected-seller')).toBeNull();
  });

  it('refuses codes that are not plain words', () => {
    render(<ConnectedPage search="?outcome=failed&code=%3Cb%3Ebold%3C%2Fb%3E" />);
    expect(detail()).toBe('The authorization did not complete. Try again with a new link.');
  });

  it('says there is nothing to show without an outcome', () => {
    render(<ConnectedPage search="" />);
    expect(title()).toBe('No authorization to show');
  });
});
