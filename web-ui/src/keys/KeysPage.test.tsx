import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiKey } from '../api/keys';
import { jsonResponse } from '../testing/fakeFetch';
import { TENANT_ID, renderConsole } from '../testing/renderConsole';

const KEYS = `/v1/tenants/${TENANT_ID}/keys`;
const OLD: ApiKey = { id: 'k-old', tenantId: TENANT_ID, name: 'old sync', prefix: 'spg_old1', scopes: ['tenant:read'], createdAt: '2026-12-01T10:00:00Z' };
const ME = { 'GET /v1/me': () => jsonResponse(200, { keyId: 'k-session', tenantId: TENANT_ID, scopes: ['tenant:write'] }) };

afterEach(() => vi.unstubAllGlobals());

describe('API keys page', () => {
  it('shows a created key once, with a working Copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const console = renderConsole({
      path: '/keys',
      routes: {
        ...ME,
        [`GET ${KEYS}`]: () => jsonResponse(200, { items: [OLD] }),
        [`POST ${KEYS}`]: () => jsonResponse(201, { ...OLD, id: 'k-new', name: 'orders', prefix: 'spg_new1', key: 'spg_new1-secret' }),
      },
    });
    await screen.findByTestId('key-row-spg_old1');
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'orders' } });
    fireEvent.click(screen.getByLabelText(/May change data/));
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));

    const panel = await screen.findByRole('dialog', { name: 'Key "orders" created' });
    expect((within(panel).getByLabelText('API key') as HTMLInputElement).value).toBe('spg_new1-secret');
    expect(panel.textContent).toContain('It will not be shown again');
    expect(console.gateway.to(KEYS, 'POST')[0]?.body).toEqual({ name: 'orders', scopes: ['tenant:read', 'tenant:write'] });

    fireEvent.click(within(panel).getByRole('button', { name: 'Copy' }));
    expect(await within(panel).findByText('Copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('spg_new1-secret');

    fireEvent.click(within(panel).getByRole('button', { name: 'I have copied it' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(screen.queryByDisplayValue('spg_new1-secret')).toBeNull();
  });

  it('says how to copy by hand when the browser has no clipboard', async () => {
    vi.stubGlobal('navigator', { ...navigator, clipboard: undefined });
    renderConsole({
      path: '/keys',
      routes: {
        ...ME,
        [`GET ${KEYS}`]: () => jsonResponse(200, { items: [] }),
        [`POST ${KEYS}`]: () => jsonResponse(201, { ...OLD, name: 'orders', key: 'spg_x' }),
      },
    });
    fireEvent.change(await screen.findByLabelText('Name'), { target: { value: 'orders' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create key' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Copy' }));
    expect(await screen.findByText(/select the key and copy it yourself/)).toBeTruthy();
  });

  it('revokes only after the confirmation, warning when it is the key of this session', async () => {
    const own: ApiKey = { ...OLD, id: 'k-session', name: 'console', prefix: 'spg_mine' };
    const console = renderConsole({
      path: '/keys',
      routes: {
        ...ME,
        [`GET ${KEYS}`]: () => jsonResponse(200, { items: [OLD, own] }),
        [`DELETE ${KEYS}/k-session`]: () => new Response(null, { status: 204 }),
      },
    });
    await screen.findByText('this session');
    fireEvent.click(screen.getByRole('button', { name: 'Revoke console' }));
    const dialog = await screen.findByRole('dialog', { name: 'Revoke key "console"?' });
    expect(dialog.textContent).toContain('this session ends too');
    expect(console.gateway.to(`${KEYS}/k-session`, 'DELETE')).toHaveLength(0);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Revoke key' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(console.gateway.to(`${KEYS}/k-session`, 'DELETE')[0]?.headers['X-CSRF-Token']).toBe('csrf-token-1');
  });
});
