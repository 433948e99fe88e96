import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, jsonResponse, problemResponse } from '../testing/fakeFetch';
import { ApiClient } from './client';
import { ProblemError } from './problem';

function client(actingTenantId: string | null, routes: Parameters<typeof fakeFetch>[0]) {
  const gateway = fakeFetch(routes);
  const onSessionEnded = vi.fn();
  const api = new ApiClient({ fetchImpl: gateway.impl, csrfToken: 'csrf-1', actingTenantId, onSessionEnded });
  return { api, gateway, onSessionEnded };
}

describe('ApiClient', () => {
  it('sends the CSRF token on writes only, with the session cookie', async () => {
    const { api, gateway } = client(null, {
      'GET /v1/sellers': () => jsonResponse(200, { items: [] }),
      'PATCH /v1/sellers/s1': () => jsonResponse(200, {}),
      'DELETE /v1/sellers/s1': () => new Response(null, { status: 204 }),
    });
    await api.get('/v1/sellers');
    await api.patch('/v1/sellers/s1', { status: 'disabled' });
    await api.delete('/v1/sellers/s1');

    const [read, patch, remove] = gateway.requests;
    expect(read?.headers['X-CSRF-Token']).toBeUndefined();
    expect(patch?.headers['X-CSRF-Token']).toBe('csrf-1');
    expect(patch?.body).toEqual({ status: 'disabled' });
    expect(remove?.headers['X-CSRF-Token']).toBe('csrf-1');
  });

  it('adds tenantId for an administrator acting for a tenant, but not to calls that name no tenant', async () => {
    const { api, gateway } = client('t-1', {
      '/v1/sellers': () => jsonResponse(200, { items: [] }),
      '/v1/tenants': () => jsonResponse(200, { items: [] }),
    });
    await api.get('/v1/sellers', { query: { status: 'active', q: '' } });
    await api.get('/v1/tenants', { query: { limit: 500 }, tenantScoped: false });

    expect(gateway.requests[0]?.url.search).toBe('?status=active&tenantId=t-1');
    expect(gateway.requests[1]?.url.search).toBe('?limit=500');
  });

  it('turns problem+json into words for a person', async () => {
    const { api } = client(null, {
      'PATCH /v1/sellers/s1': () => problemResponse(409, 'seller_reauth_required', 'Amazon no longer accepts seller s1.'),
      'GET /v1/sellers/s2': () => problemResponse(404, 'not_found', 'Seller s2 does not exist.'),
    });
    const conflict = await api.patch('/v1/sellers/s1', { status: 'active' }).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ProblemError);
    expect((conflict as ProblemError).message).toMatch(/cannot be enabled. Re-authorize it first/);
    // Codes without words of our own keep the gateway's detail.
    await expect(api.get('/v1/sellers/s2')).rejects.toThrow('Seller s2 does not exist.');
  });

  it('reports a 401 as the end of the session', async () => {
    const { api, onSessionEnded } = client(null, { '/v1/me': () => problemResponse(401, 'invalid_api_key') });
    await expect(api.get('/v1/me')).rejects.toThrow('Your session has ended. Sign in again.');
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('uploads a file as the body itself, with its content type, the CSRF token and the call\'s own headers', async () => {
    const { api, gateway } = client('t-1', { 'POST /v1/updates': () => jsonResponse(202, { jobId: 'j1' }) });
    const file = new File(['sku,price\nA,1\n'], 'a.csv');
    const answer = await api.upload('/v1/updates', { file, contentType: 'text/csv' }, { headers: { 'Idempotency-Key': 'k-1', 'X-CSRF-Token': 'forged' } });
    expect(answer).toEqual({ jobId: 'j1' });
    const sent = gateway.requests[0];
    expect(sent?.file).toBe(file);
    expect(sent?.body).toBeUndefined();
    expect(sent?.headers).toEqual({ 'Idempotency-Key': 'k-1', 'X-CSRF-Token': 'csrf-1', Accept: 'application/json', 'Content-Type': 'text/csv' });
    expect(sent?.url.search).toBe('?tenantId=t-1');
  });

  it('reads an answer without a body (202 "asked") as nothing', async () => {
    const { api } = client(null, { 'POST /v1/channels/c/inventory/sync': () => new Response(null, { status: 202 }) });
    await expect(api.post('/v1/channels/c/inventory/sync', undefined)).resolves.toBeUndefined();
  });
});
