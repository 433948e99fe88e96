import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { channel } from '../testing/channels';
import { jsonResponse } from '../testing/fakeFetch';
import { ADMIN_SESSION, TENANT_ID, renderConsole } from '../testing/renderConsole';

const US = channel(5, { mappings: 1200, fbaSyncedAt: '2026-12-06T15:00:00Z' });
const DE = channel(6, { id: `${channel(6).sellerId}.A1PA6795UKMFR9`, marketplaceId: 'A1PA6795UKMFR9', marketplace: 'DE', region: 'eu', currency: 'EUR', mappings: 0 });

describe('channels page', () => {
  it('lists each channel with its seller, marketplace, currency, mappings and FBA sync, linking to its page', async () => {
    renderConsole({ path: '/channels', routes: { 'GET /v1/channels': () => jsonResponse(200, { items: [US, DE] }) } });
    const row = within(await screen.findByTestId(`channel-row-${US.id}`));
    expect(row.getByRole('link', { name: 'A005SELLER · US' }).getAttribute('href')).toBe(`/channels/${US.id}`);
    expect(row.getAllByRole('cell').map((c) => c.textContent)).toEqual(['active', 'ATVPDKIKX0DER', 'USD', '1,200', expect.stringMatching(/^2026-12-06 \d\d:00$/)]);
    const de = within(screen.getByTestId(`channel-row-${DE.id}`));
    expect(de.getAllByRole('cell').map((c) => c.textContent)).toEqual(['active', 'A1PA6795UKMFR9', 'EUR', '0', 'never']);
    expect(screen.getByTestId('channel-count').textContent).toContain('2 channels loaded');
  });

  it('filters by selling partner id and marketplace through the URL and the query', async () => {
    const console = renderConsole({
      path: '/channels',
      routes: { 'GET /v1/channels': (_, url) => jsonResponse(200, { items: url.searchParams.get('marketplaceId') === 'A1PA6795UKMFR9' ? [DE] : [US, DE] }) },
    });
    await screen.findByTestId(`channel-row-${US.id}`);
    fireEvent.change(screen.getByLabelText('Selling partner id starts with'), { target: { value: 'a00' } });
    await waitFor(() => expect(console.location()).toBe('/channels?q=A00'));
    fireEvent.change(screen.getByLabelText('Marketplace'), { target: { value: 'A1PA6795UKMFR9' } });
    await waitFor(() => expect(screen.queryByTestId(`channel-row-${US.id}`)).toBeNull());
    expect(console.location()).toBe('/channels?q=A00&marketplaceId=A1PA6795UKMFR9');
    expect(console.gateway.to('/v1/channels').at(-1)?.url.search).toBe('?q=A00&marketplaceId=A1PA6795UKMFR9&limit=100');
  });

  it("asks an administrator for a tenant, then sends the tenant's id", async () => {
    const console = renderConsole({
      path: `/channels?tenant=${TENANT_ID}`,
      session: ADMIN_SESSION,
      routes: {
        'GET /v1/tenants': () => jsonResponse(200, { items: [{ id: TENANT_ID, name: 'Demo' }] }),
        'GET /v1/channels': () => jsonResponse(200, { items: [] }),
      },
    });
    expect((await screen.findByTestId('channels-empty')).textContent).toContain('No channels yet');
    expect(console.gateway.to('/v1/channels')[0]?.url.searchParams.get('tenantId')).toBe(TENANT_ID);
  });
});
