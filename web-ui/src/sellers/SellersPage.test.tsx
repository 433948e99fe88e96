import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse, problemResponse } from '../testing/fakeFetch';
import { renderConsole } from '../testing/renderConsole';
import { seller, sellers } from '../testing/sellers';

describe('sellers page', () => {
  it('puts each filter into the query string and the URL', async () => {
    const console = renderConsole({
      path: '/sellers',
      routes: {
        'GET /v1/sellers': (_, url) =>
          jsonResponse(200, { items: url.searchParams.get('q') === 'A00000' ? [seller(7)] : sellers(1, 3) }),
      },
    });
    expect(await screen.findByTestId('seller-row-A000001')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'disabled' } });
    await waitFor(() => expect(console.location()).toBe('/sellers?status=disabled'));
    fireEvent.change(screen.getByLabelText('Selling partner id starts with'), { target: { value: 'a00000' } });

    expect(await screen.findByTestId('seller-row-A000007')).toBeTruthy();
    expect(screen.queryByTestId('seller-row-A000001')).toBeNull();
    expect(console.location()).toBe('/sellers?status=disabled&q=A00000');
    const last = console.gateway.to('/v1/sellers').at(-1);
    expect(Object.fromEntries(last?.url.searchParams ?? [])).toEqual({ limit: '100', status: 'disabled', q: 'A00000' });
    expect(screen.getByTestId('sellers-table').dataset.resultsFor).toBe('q=A00000&status=disabled');
  });

  it('opens with the filters of a deep link', async () => {
    const console = renderConsole({
      path: '/sellers?region=eu&marketplaceId=A1PA6795UKMFR9&application=demo',
      routes: { 'GET /v1/sellers': () => jsonResponse(200, { items: [] }) },
    });
    expect(await screen.findByText('No seller matches these filters.')).toBeTruthy();
    expect(console.gateway.to('/v1/sellers')[0]?.url.search).toBe('?limit=100&region=eu&marketplaceId=A1PA6795UKMFR9&application=demo');
    expect((screen.getByLabelText('Region') as HTMLSelectElement).value).toBe('eu');
  });

  it('asks for the next page with the cursor once the table scrolls near the end', async () => {
    const console = renderConsole({
      path: '/sellers',
      routes: {
        'GET /v1/sellers': (_, url) =>
          url.searchParams.get('cursor') === 'after-100'
            ? jsonResponse(200, { items: sellers(101, 50) })
            : jsonResponse(200, { items: sellers(1, 100), nextCursor: 'after-100' }),
      },
    });
    const table = await screen.findByTestId('sellers-table');
    expect(screen.getByTestId('seller-count').textContent).toContain('100 sellers loaded; more load as you scroll');
    // Only the rows in view are in the page.
    expect(within(table).getAllByRole('row').length).toBeLessThan(60);
    expect(console.gateway.to('/v1/sellers')).toHaveLength(1);

    Object.defineProperty(table, 'scrollTop', { configurable: true, value: 100 * 44 - 800 });
    fireEvent.scroll(table);

    await waitFor(() => expect(screen.getByTestId('seller-count').textContent).toContain('150 sellers loaded (all)'));
    const pages = console.gateway.to('/v1/sellers');
    expect(pages).toHaveLength(2);
    expect(pages[1]?.url.searchParams.get('cursor')).toBe('after-100');
  });
});

describe('one seller', () => {
  const SELLER = seller(3, { status: 'disabled' });
  const path = `/v1/sellers/${SELLER.id}`;

  it('re-authorizes through Seller Central: asks for the link and sends the browser there', async () => {
    const console = renderConsole({
      path: `/sellers/${SELLER.id}`,
      routes: {
        [`GET ${path}`]: () => jsonResponse(200, SELLER),
        [`POST ${path}/authorizations`]: () =>
          jsonResponse(201, { consentUrl: 'https://sellercentral.example/consent?state=s1', state: 's1', expiresAt: '2026-12-06T17:00:00Z' }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Re-authorize' }));

    await waitFor(() => expect(console.leftFor).toEqual(['https://sellercentral.example/consent?state=s1']));
    const request = console.gateway.to(`${path}/authorizations`, 'POST')[0];
    expect(request?.body).toEqual({ returnUrl: `${window.location.origin}/connected` });
    expect(request?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });

  it('says in words why a seller needing re-authorization cannot be enabled', async () => {
    renderConsole({
      path: `/sellers/${SELLER.id}`,
      routes: {
        [`GET ${path}`]: () => jsonResponse(200, SELLER),
        [`PATCH ${path}`]: () => problemResponse(409, 'seller_reauth_required', 'Amazon no longer accepts seller x.'),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Enable' }));
    expect((await screen.findByTestId('error-notice')).textContent).toContain('cannot be enabled. Re-authorize it first.');
  });

  it('deletes only after the confirmation, then goes back to the list', async () => {
    let deleted = false;
    const console = renderConsole({
      path: `/sellers/${SELLER.id}`,
      routes: {
        [`GET ${path}`]: () => jsonResponse(200, SELLER),
        [`DELETE ${path}`]: () => {
          deleted = true;
          return new Response(null, { status: 204 });
        },
        'GET /v1/sellers': () => jsonResponse(200, { items: [] }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete…' }));
    const dialog = await screen.findByRole('dialog', { name: `Delete seller ${SELLER.sellingPartnerId}?` });
    expect(deleted).toBe(false);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(console.gateway.to(path, 'DELETE')).toHaveLength(0);

    fireEvent.click(screen.getByRole('button', { name: 'Delete…' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete seller' }));
    await waitFor(() => expect(console.location()).toBe('/sellers'));
    expect(deleted).toBe(true);
  });

  it('connects a seller: the chosen application and marketplace go to the gateway, the browser to the consent page', async () => {
    const console = renderConsole({
      path: '/sellers',
      routes: {
        'GET /v1/sellers': () => jsonResponse(200, { items: [] }),
        'POST /v1/sellers/authorizations': () =>
          jsonResponse(201, { consentUrl: 'http://sim/consent?state=s2', state: 's2', expiresAt: '2026-12-06T17:00:00Z' }),
      },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Connect a seller' }));
    const dialog = await screen.findByRole('dialog', { name: 'Connect a seller' });
    await within(dialog).findByRole('option', { name: 'demo' });
    fireEvent.change(within(dialog).getByLabelText('Marketplace'), { target: { value: 'A1PA6795UKMFR9' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Continue to Seller Central' }));

    await waitFor(() => expect(console.leftFor).toEqual(['http://sim/consent?state=s2']));
    expect(console.gateway.to('/v1/sellers/authorizations', 'POST')[0]?.body).toEqual({
      application: 'demo',
      marketplaceId: 'A1PA6795UKMFR9',
      returnUrl: `${window.location.origin}/connected`,
    });
  });
});
