import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonResponse } from '../testing/fakeFetch';
import { ADMIN_SESSION, renderConsole } from '../testing/renderConsole';
import { seller } from '../testing/sellers';

const TENANTS = {
  items: [
    { id: 't-demo', name: 'Demo', createdAt: '2026-12-01T10:00:00Z' },
    { id: 't-load', name: 'Load', createdAt: '2026-12-02T10:00:00Z' },
  ],
};

describe('tenant switcher', () => {
  it('asks an administrator to pick a tenant, then sends its id with every tenant call and keeps it in the URL', async () => {
    const console = renderConsole({
      path: '/sellers',
      session: ADMIN_SESSION,
      routes: {
        'GET /v1/tenants': () => jsonResponse(200, TENANTS),
        'GET /v1/sellers': () => jsonResponse(200, { items: [seller(1)] }),
      },
    });
    expect(await screen.findByTestId('pick-tenant')).toBeTruthy();
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Admin');
    expect(console.gateway.to('/v1/sellers')).toHaveLength(0);
    await screen.findByRole('option', { name: 'Load' });
    expect(console.gateway.to('/v1/tenants')[0]?.url.search).toBe('?limit=500');

    fireEvent.change(screen.getByLabelText('Tenant'), { target: { value: 't-load' } });

    expect(await screen.findByTestId('seller-row-A000001')).toBeTruthy();
    expect(console.location()).toBe('/sellers?tenant=t-load');
    expect(screen.getByTestId('signed-in-as').textContent).toBe('Admin · Load');
    // The switcher's list names it: no other call for the name.
    expect(console.gateway.to('/v1/tenants')).toHaveLength(1);
    expect(console.gateway.requests.filter((r) => r.url.pathname.startsWith('/v1/tenants/'))).toHaveLength(0);
    expect(console.gateway.to('/v1/sellers')[0]?.url.searchParams.get('tenantId')).toBe('t-load');

    // Navigation keeps the tenant.
    fireEvent.click(screen.getByRole('link', { name: 'Quotas' }));
    await waitFor(() => expect(console.location()).toBe('/quotas?tenant=t-load'));
  });

  it("shows the administrators' keys when no tenant is chosen", async () => {
    const console = renderConsole({
      path: '/keys',
      session: ADMIN_SESSION,
      routes: {
        'GET /v1/tenants': () => jsonResponse(200, TENANTS),
        'GET /v1/admin/keys': () => jsonResponse(200, { items: [] }),
        'GET /v1/me': () => jsonResponse(200, { keyId: 'k', tenantId: null, scopes: ['admin'] }),
      },
    });
    expect(await screen.findByText('No keys yet.')).toBeTruthy();
    expect(console.gateway.to('/v1/admin/keys')[0]?.url.search).toBe('');
  });
});
