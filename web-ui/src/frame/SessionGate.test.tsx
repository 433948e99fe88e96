import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { deferred, jsonResponse, problemResponse } from '../testing/fakeFetch';
import { TENANT_ID, TENANT_SESSION, renderConsole } from '../testing/renderConsole';

const NO_SELLERS = { 'GET /v1/sellers': () => jsonResponse(200, { items: [] }) };

describe('sign-in and sign-out', () => {
  it('signs in with the key sent once in Authorization, clears it, and opens the page asked for', async () => {
    let signedIn = false;
    const console = renderConsole({
      path: '/keys',
      session: null,
      routes: {
        'GET /v1/session': () => (signedIn ? jsonResponse(200, TENANT_SESSION) : problemResponse(401, 'session_expired')),
        'POST /v1/session': (init) => {
          const auth = (init?.headers as Record<string, string>).Authorization;
          if (auth !== 'Bearer spg_good') return problemResponse(401, 'invalid_api_key');
          signedIn = true;
          return jsonResponse(201, TENANT_SESSION);
        },
        'GET /v1/tenants/c1161b5e-f5ee-4880-8881-277bb61f85ab/keys': () => jsonResponse(200, { items: [] }),
        'GET /v1/me': () => jsonResponse(200, { keyId: 'k', tenantId: TENANT_SESSION.tenantId, scopes: [] }),
      },
    });

    fireEvent.change(await screen.findByLabelText('API key'), { target: { value: 'spg_revoked' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('This API key is unknown or was revoked.');
    expect((screen.getByLabelText('API key') as HTMLInputElement).value).toBe('');

    fireEvent.change(screen.getByLabelText('API key'), { target: { value: '  spg_good ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'API keys' })).toBeTruthy();
    expect(console.location()).toBe('/keys');
    expect(screen.queryByLabelText('API key')).toBeNull();
    expect(console.gateway.to('/v1/session', 'POST').map((r) => r.headers.Authorization)).toEqual(['Bearer spg_revoked', 'Bearer spg_good']);
  });

  it('asks for a key without calling the gateway when the field is empty', async () => {
    const console = renderConsole({ session: null });
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    // The page's one level-one heading, in its main landmark (axe: page-has-heading-one).
    const main = screen.getByRole('main');
    expect(screen.getAllByRole('heading', { level: 1 })).toEqual([within(main).getByRole('heading', { level: 1, name: 'Sign in' })]);
    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Enter an API key.');
    expect(console.gateway.to('/v1/session', 'POST')).toHaveLength(0);
  });

  it('finds the session after a reload, shows navigation, and signs out with the CSRF token', async () => {
    const console = renderConsole({
      routes: { ...NO_SELLERS, 'DELETE /v1/session': () => new Response(null, { status: 204 }) },
    });
    const nav = await screen.findByRole('navigation', { name: 'Console' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Sellers', 'Quotas', 'Reports', 'Channels', 'Updates', 'Orders', 'Notifications', 'Webhooks', 'API keys']);
    expect(screen.getByRole('banner')).toBeTruthy();
    expect(screen.getByRole('main')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    expect(await screen.findByLabelText('API key')).toBeTruthy();
    expect(console.gateway.to('/v1/session', 'DELETE')[0]?.headers['X-CSRF-Token']).toBe(TENANT_SESSION.csrfToken);
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('returns to sign-in, saying why, when any call answers 401', async () => {
    renderConsole({ path: '/sellers', routes: { 'GET /v1/sellers': () => problemResponse(401, 'session_expired') } });
    expect((await screen.findByTestId('session-notice')).textContent).toBe('Your session has ended. Sign in again.');
    expect(screen.getByLabelText('API key')).toBeTruthy();
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('shows a refusal in words with a Retry that asks again', async () => {
    let answers = 0;
    const console = renderConsole({
      path: '/sellers',
      routes: {
        'GET /v1/sellers': () =>
          ++answers === 1 ? problemResponse(503, 'postgres_busy', 'pool exhausted') : jsonResponse(200, { items: [] }),
      },
    });
    const notice = await screen.findByTestId('error-notice');
    expect(notice.textContent).toContain('The gateway is busy. Try again in a moment.');
    fireEvent.click(within(notice).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No sellers yet. Connect one with the button above.')).toBeTruthy();
    await waitFor(() => expect(console.gateway.to('/v1/sellers')).toHaveLength(2));
  });

  it("names the signed-in tenant in the header, showing its id until the name is known", async () => {
    const answer = deferred<Response>();
    const console = renderConsole({ routes: { ...NO_SELLERS, [`GET /v1/tenants/${TENANT_ID}`]: () => answer.promise } });
    const who = await screen.findByTestId('signed-in-as');
    expect(who.textContent).toBe(`Tenant ${TENANT_ID}`);

    answer.resolve(jsonResponse(200, { id: TENANT_ID, name: 'Demo', createdAt: '2026-12-01T10:00:00Z' }));

    await waitFor(() => expect(screen.getByTestId('signed-in-as').textContent).toBe('Tenant Demo'));
    // Its own tenant, so no tenantId in the query.
    expect(console.gateway.to(`/v1/tenants/${TENANT_ID}`)[0]?.url.search).toBe('');
  });

  it("keeps the tenant's id in the header when its name cannot be read", async () => {
    const console = renderConsole({
      routes: { ...NO_SELLERS, [`GET /v1/tenants/${TENANT_ID}`]: () => problemResponse(403, 'forbidden') },
    });
    await waitFor(() => expect(console.gateway.to(`/v1/tenants/${TENANT_ID}`)).toHaveLength(1));
    await screen.findByRole('navigation', { name: 'Console' });
    expect(screen.getByTestId('signed-in-as').textContent).toBe(`Tenant ${TENANT_ID}`);
  });
});
