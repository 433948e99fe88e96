import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_PATH } from '../api/session';
import { jsonResponse } from '../testing/fakeFetch';
import { SessionPanel } from './SessionPanel';

const SESSION = {
  tenantId: 'c1161b5e-f5ee-4880-8881-277bb61f85ab',
  admin: false,
  scopes: ['tenant:write'],
  csrfToken: 'csrf-token-1',
  expiresAt: '2026-12-07T03:43:27Z',
};
const NO_SESSION = { type: 'about:blank', status: 401, code: 'session_expired', detail: 'The console session has ended.' };

/** The gateway's /v1/session as a fake: records each request's method and headers. */
function gateway(options: { readonly signedIn?: boolean; readonly validKey?: string } = {}) {
  let signedIn = options.signedIn ?? false;
  const requests: { method: string; headers: Record<string, string> }[] = [];
  const impl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    expect(String(input)).toBe(SESSION_PATH);
    const method = init?.method ?? 'GET';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    requests.push({ method, headers });
    if (method === 'POST') {
      if (headers.Authorization !== `Bearer ${options.validKey}`) {
        return jsonResponse(401, { status: 401, code: 'invalid_api_key', detail: 'The API key is unknown or revoked.' });
      }
      signedIn = true;
      return jsonResponse(201, SESSION);
    }
    if (method === 'DELETE') {
      if (headers[CSRF_HEADER] !== SESSION.csrfToken) return jsonResponse(403, { status: 403, code: 'csrf_token_invalid' });
      signedIn = false;
      return new Response(null, { status: 204 });
    }
    return signedIn ? jsonResponse(200, SESSION) : jsonResponse(401, NO_SESSION);
  }) as typeof fetch;
  return { impl, requests };
}

describe('SessionPanel', () => {
  it('signs in with a key sent once in Authorization, clears it from the form and says for whom', async () => {
    const fake = gateway({ validKey: 'spg_good' });
    render(<SessionPanel fetchImpl={fake.impl} />);
    const input = await screen.findByLabelText('API key');

    fireEvent.change(input, { target: { value: '  spg_good ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByTestId('signed-in-as')).textContent).toContain(SESSION.tenantId);
    expect(screen.getByTestId('signed-in-as').textContent).toContain('tenant:write');
    const posts = fake.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.headers.Authorization).toBe('Bearer spg_good');
    expect(screen.queryByLabelText('API key')).toBeNull();
  });

  it('says in words why a key was refused and keeps the form', async () => {
    const fake = gateway({ validKey: 'spg_good' });
    render(<SessionPanel fetchImpl={fake.impl} />);
    fireEvent.change(await screen.findByLabelText('API key'), { target: { value: 'spg_revoked' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));

    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('This API key is unknown or was revoked.');
    expect(screen.getByLabelText('API key')).toBeTruthy();
  });

  it('asks for a key without calling the gateway when the field is empty', async () => {
    const fake = gateway();
    render(<SessionPanel fetchImpl={fake.impl} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect((await screen.findByTestId('sign-in-error')).textContent).toBe('Enter an API key.');
    expect(fake.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('finds an existing session after a reload and signs out with its CSRF token', async () => {
    const fake = gateway({ signedIn: true });
    render(<SessionPanel fetchImpl={fake.impl} />);
    await screen.findByTestId('signed-in-as');

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));

    await screen.findByLabelText('API key');
    const deletes = fake.requests.filter((r) => r.method === 'DELETE');
    expect(deletes).toHaveLength(1);
    expect(deletes[0]?.headers[CSRF_HEADER]).toBe(SESSION.csrfToken);
    await waitFor(() => expect(fake.requests.at(-1)?.method).toBe('DELETE'));
  });
});
